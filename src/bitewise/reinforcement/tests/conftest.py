"""A local SMTP server (aiosmtpd) that can refuse chosen recipients, as a real server would."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (the shared fixture)


class RefusingInbox(Inbox):
    def __init__(self) -> None:
        super().__init__()
        self.refused: set[str] = set()
        self.port = 0

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def smtp_server(settings) -> Iterator[RefusingInbox]:  # type: ignore[no-untyped-def]
    inbox = RefusingInbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox.port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": inbox.port, "timeout": 10},
        }
    }
    try:
        yield inbox
    finally:
        controller.stop()
