"""The review digest over real SMTP: text and HTML, to the learner, with RFC 8058 one-click
unsubscribe headers."""

from __future__ import annotations

import re
from datetime import timedelta
from email.message import Message
from typing import Any

import pytest
from django.utils import timezone

from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.reinforcement.models import UnsubscribeScope
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, unsubscribe_read
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import make_user


def body(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


@pytest.mark.django_db
def test_the_digest_arrives_with_text_and_html_listing_the_due_prompts(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user(email="lee@example.org")
    cards = [make_card(learner, at=timezone.now() - timedelta(days=d)) for d in (10, 20)]
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due() == 1

    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ["lee@example.org"]
    assert message["Subject"] == "2 reviews due today"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html"} <= set(parts)
    text, html = (body(parts[kind]) for kind in ("text/plain", "text/html"))
    for card in cards:
        assert card.question.prompt in text and card.question.prompt in html
    assert "/today/" in text and 'href="http' in html


@pytest.mark.django_db
def test_the_digest_carries_one_line_one_click_unsubscribe_headers_for_review_reminders(
    smtp_inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
    settings: Any,
) -> None:
    settings.SITE_URL = "https://learn.example.org"
    learner = make_user(email="max@example.org")
    make_card(learner, at=timezone.now() - timedelta(days=10))
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due() == 1

    [(_, message)] = smtp_inbox.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"]
    # One plain line: neither folded nor RFC 2047-encoded, or clients do not see the URL.
    match = re.fullmatch(
        r"<(https://learn\.example\.org/u/([^>\s]+))>, "
        r"<mailto:no-reply@localhost\?subject=unsubscribe>",
        header,
    )
    assert match, header
    url, token = match.groups()
    assert unsubscribe_read(token) == UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS)
    parts = {part.get_content_type(): part for part in message.walk()}
    text, html = (body(parts[kind]) for kind in ("text/plain", "text/html"))
    assert url in text and f'href="{url}"' in html
    assert text.count("https://learn.example.org/u/") == 2  # review reminders, all email
