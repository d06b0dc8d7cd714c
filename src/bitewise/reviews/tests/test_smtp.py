"""The review digest over real SMTP: text and HTML, to the learner."""

from __future__ import annotations

from datetime import timedelta
from email.message import Message
from typing import Any

import pytest
from django.utils import timezone

from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.common.testing import make_user
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import make_card


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
