"""The daily review digest: opted-in learners with due cards, at most one a day, never to
one who unsubscribed, turned email off or whose address bounces."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.reinforcement.models import Delivery, DeliveryState, Unsubscribe, UnsubscribeScope
from bitewise.reinforcement.services.preferences import preferences_save
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.services.sending import address_mark_bouncing
from bitewise.reinforcement.services.unsubscribe import (
    UnsubscribeRequest,
    resubscribe,
    unsubscribe_apply,
    unsubscribe_read,
)
from bitewise.reinforcement.tests.factories import make_campaign, make_event, register
from bitewise.reviews.models import ReviewCard, ReviewPreferences
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import answer, make_card, make_quiz_question
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def opt_in(learner: User) -> None:
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)


def test_an_opted_in_learner_with_due_cards_gets_one_digest_a_day(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user(email="ana@example.org")
    card = make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due(now=now) == 1
        assert review_digests_plan_due(now=now + timedelta(hours=3)) == 0  # claimed for today
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert message.subject == "1 review due today"
    assert card.question.prompt in message.body and "/today/" in message.body
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html" and card.question.prompt in str(html)

    tomorrow = now + timedelta(days=1, hours=9)
    with (
        time_machine.travel(tomorrow, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert review_digests_plan_due(now=tomorrow) == 1
    assert len(mail.outbox) == 2


def test_answers_given_since_today_was_last_opened_come_due_in_the_digest(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Cards are made from answers when Today is read: a learner who opted in and then only
    answered quizzes (never opening Today again) still gets the digest when they fall due."""
    learner = make_user(email="kai@example.org")
    opt_in(learner)
    question = make_quiz_question()
    answer(learner, question, is_correct=False, at=timezone.now() - timedelta(days=10))
    assert not ReviewCard.objects.filter(learner=learner).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due() == 1
    [message] = mail.outbox
    assert message.subject == "1 review due today" and question.prompt in message.body


def test_no_digest_without_opt_in_without_due_cards_or_on_hold(
    django_capture_on_commit_callbacks: Any,
) -> None:
    not_opted = make_user()
    make_card(not_opted, at=timezone.now() - timedelta(days=10))
    nothing_due = make_user()
    make_card(nothing_due)
    opt_in(nothing_due)
    away = make_user()
    make_card(away, at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    preferences_update(
        learner=away, hold_from=today, hold_to=today + timedelta(days=3), is_digest_wanted=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due() == 0
    assert mail.outbox == []


def test_a_learner_who_opts_out_before_the_worker_runs_gets_nothing(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert review_digests_plan_due() == 1
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=False)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_the_scheduler_command_plans_review_digests(
    django_capture_on_commit_callbacks: Any, capsys: Any
) -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("scheduler", "--once")
    assert "review_digests_plan_due: 1" in capsys.readouterr().out
    assert [m.subject for m in mail.outbox] == ["1 review due today"]


def unsubscribed_from_all(learner: User) -> None:
    unsubscribe_apply(request=UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL))


def unsubscribed_from_reviews(learner: User) -> None:
    unsubscribe_apply(request=UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS))


def bouncing(learner: User) -> None:
    address_mark_bouncing(email=learner.email, reason="550 5.1.1 No such mailbox here")


def placeholder_address(learner: User) -> None:
    """An LTI launch's account: an address under .invalid can never receive mail."""
    User.objects.filter(pk=learner.pk).update(email=f"lti-{learner.pk}-0f1e2d3c4b@lti.invalid")


def email_turned_off(learner: User) -> None:
    preferences_save(learner=learner, time_zone="UTC", quiet_hours="", is_email_enabled=False)


BLOCKERS = [
    pytest.param(unsubscribed_from_all, id="all-email-unsubscribe"),
    pytest.param(unsubscribed_from_reviews, id="reviews-unsubscribe"),
    pytest.param(bouncing, id="bouncing-address"),
    pytest.param(email_turned_off, id="email-off"),
    pytest.param(placeholder_address, id="placeholder-address"),
]


@pytest.mark.parametrize("block", BLOCKERS)
def test_a_learner_who_may_not_be_emailed_is_not_planned_a_digest(
    block: Callable[[User], None], django_capture_on_commit_callbacks: Any
) -> None:
    blocked, other = make_user(), make_user(email="other@example.org")
    for learner in (blocked, other):
        make_card(learner, at=timezone.now() - timedelta(days=10))
        opt_in(learner)
    block(blocked)
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due(now=now) == 1

    assert [m.to for m in mail.outbox] == [["other@example.org"]]
    # Looked at once a day, not on every scheduler run.
    next_at = ReviewPreferences.objects.get(learner=blocked).digest_next_at
    assert next_at is not None and next_at > now


@pytest.mark.parametrize("block", BLOCKERS)
def test_a_digest_planned_before_the_learner_is_blocked_is_not_sent(
    block: Callable[[User], None], django_capture_on_commit_callbacks: Any
) -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert review_digests_plan_due() == 1

    block(learner)
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def one_click_path(message: Any) -> str:
    """The path of the https URI in List-Unsubscribe (RFC 8058 section 3.1)."""
    header = message.message()["List-Unsubscribe"]
    match = re.fullmatch(r"<https?://[^/>]+(/u/[^>]+)>, <mailto:[^>]+>", header)
    assert match, header
    return match.group(1)


def send_campaign_step(learner: User, callbacks: Any) -> None:
    start = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    event = make_event(starts_at=start)
    make_campaign(event, offsets=[-1])
    register(event, learner, at=start - timedelta(days=30))
    day_before = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    with callbacks(execute=True):
        deliveries_plan_due(now=day_before - timedelta(minutes=30))
        deliveries_plan_due(now=day_before)


def test_the_digests_one_click_link_stops_review_digests_but_not_campaign_email(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user(email="kim@example.org")
    make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due(now=now) == 1
    [digest] = mail.outbox
    token = one_click_path(digest).removeprefix("/u/")

    # What the /u/<token> view does on the one-click POST.
    assert unsubscribe_apply(request=unsubscribe_read(token))

    assert Unsubscribe.objects.filter(learner=learner, scope=UnsubscribeScope.REVIEWS).exists()
    tomorrow = now + timedelta(days=1, hours=9)
    with (
        time_machine.travel(tomorrow, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert review_digests_plan_due(now=tomorrow) == 0
    send_campaign_step(learner, django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == ["1 review due today", "Step -1 d"]
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_the_one_click_post_from_a_digest_unsubscribes_from_review_digests(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=10))
    opt_in(learner)
    with django_capture_on_commit_callbacks(execute=True):
        review_digests_plan_due()
    [digest] = mail.outbox

    response = Client(enforce_csrf_checks=True).post(
        one_click_path(digest), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert Unsubscribe.objects.filter(learner=learner, scope=UnsubscribeScope.REVIEWS).exists()


def test_opting_in_again_undoes_a_one_click_unsubscribe_from_review_digests(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=10))
    unsubscribed_from_reviews(learner)
    unsubscribed_from_all(learner)
    opt_in(learner)

    assert list(Unsubscribe.objects.filter(learner=learner).values_list("scope", flat=True)) == [
        UnsubscribeScope.ALL  # "all email" is changed only where it was given
    ]
    resubscribe(learner=learner, scope=UnsubscribeScope.ALL)
    with django_capture_on_commit_callbacks(execute=True):
        assert review_digests_plan_due() == 1
    assert len(mail.outbox) == 1


def test_today_says_when_wanted_digests_are_blocked_and_saving_undoes_the_unsubscribe() -> None:
    from bitewise.reinforcement.services.unsubscribe import email_allowed
    from bitewise.testing import PASSWORD

    learner = make_user()
    opt_in(learner)
    unsubscribe_apply(request=UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS, None, None))
    client = Client()
    assert client.login(email=learner.email, password=PASSWORD)

    assert "Review digests are not being sent" in client.get("/today/").content.decode()

    opt_in(learner)  # saving the settings with the box ticked, as the form does
    assert email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS)
    assert "Review digests are not being sent" not in client.get("/today/").content.decode()


def test_the_digest_switch_is_not_offered_to_a_placeholder_account_and_saving_keeps_it() -> None:
    from bitewise.common.mail_addresses import NO_MAIL_NOTE

    learner = make_user(email="lti-1-0f1e2d3c4b@lti.invalid")
    client = Client()
    client.force_login(learner)

    page = client.get("/today/").content.decode()
    switch = re.search(r'<input[^>]*name="is_digest_wanted"[^>]*>', page)
    assert switch is not None and "disabled" in switch.group(0)
    assert NO_MAIL_NOTE in html.unescape(page)
    assert "Review digests are not being sent" not in page

    response = client.post("/today/settings", {"is_digest_wanted": "on"})  # a crafted POST
    assert response.status_code == 302
    assert not ReviewPreferences.objects.filter(learner=learner, is_digest_wanted=True).exists()
