"""The daily review digest: opted-in learners with due cards, at most one a day."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.testing import make_user
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import make_card

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
