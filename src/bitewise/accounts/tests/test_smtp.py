"""Password reset over the real SMTP protocol, to a local SMTP server."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from django.core.mail import mailers
from django.test import Client

from bitewise.testing import make_user


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_inbox(settings) -> Iterator[Inbox]:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    with socket.socket() as probe:  # a free port; aiosmtpd's own port=0 cannot self-check
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    try:
        assert "smtp" in type(mailers.default).__module__
        yield inbox
    finally:
        controller.stop()


@pytest.mark.django_db
def test_password_reset_mail_travels_over_smtp(client: Client, smtp_inbox: Inbox) -> None:
    make_user(email="member@example.org")

    response = client.post("/accounts/password-reset/", {"email": "member@example.org"})

    assert response.status_code == 302
    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ["member@example.org"]
    assert message["Subject"] == "Reset your Bitewise password"
    body = message.get_payload(decode=True).decode()
    assert re.search(r"/accounts/reset/[\w-]+/[\w-]+/", body)


@pytest.mark.django_db
def test_sign_up_mails_travel_over_smtp_and_the_link_makes_the_account(
    client: Client, smtp_inbox: Inbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    make_user(email="taken@example.org")
    form = {"password": "a-long-unusual-passphrase"}

    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/signup/", {**form, "email": "taken@example.org"})
        client.post("/accounts/signup/", {**form, "email": "new@example.org"})

    (to_taken, warning), (to_new, welcome) = smtp_inbox.messages
    assert (to_taken, warning["Subject"]) == (
        ["taken@example.org"],
        "Someone tried to sign up with your address",
    )
    assert (to_new, welcome["Subject"]) == (["new@example.org"], "Finish signing up for Bitewise")
    link = re.search(r"/accounts/signup/[\w-]+/", welcome.get_payload(decode=True).decode())
    assert link is not None
    assert client.post(link.group(0)).status_code == 302
    assert client.get("/me/progress/").status_code == 200
