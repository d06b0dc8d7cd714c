"""Account emails: rendered from templates, links built from BITEWISE_SITE_URL (never from
the request's Host header, which the client writes)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from bitewise.common.mail_addresses import can_receive_mail

logger = logging.getLogger(__name__)


def site_link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def account_mail_send(*, to: str, template: str, context: dict[str, Any]) -> bool:
    """Send ``accounts/email/<template>.txt`` (its first line is the subject). A mail
    server failure is logged, not shown: the page must read the same either way. Nothing is
    sent (False) to an address that can never receive mail."""
    if not can_receive_mail(to):
        logger.info("account email not sent: undeliverable address", extra={"template": template})
        return False
    text = render_to_string(f"accounts/email/{template}.txt", context)
    subject, _, body = text.partition("\n")
    message = EmailMessage(subject.strip(), body.lstrip("\n"), to=[to])
    try:
        message.send()
    except Exception:
        logger.exception("account email not sent", extra={"template": template})
        return False
    return True
