"""Finishing a sign-up in the browser: the emailed link, then the button that makes the account."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Page, expect


def finish_sign_up(page: Page, base: str, email: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    [message] = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"/accounts/signup/[\w-]+/", message.body)
    assert link is not None, message.body
    page.goto(base + link.group(0))
    page.get_by_role("button", name="Create my account").tap()
