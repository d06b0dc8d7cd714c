"""Reminders 24 hours and 15 minutes before, each sent once, by the scheduler."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bitewise.testing import make_user
from bitewise.webinars.models import Registration
from bitewise.webinars.services.registration import registration_cancel, registration_create
from bitewise.webinars.services.reminders import reminders_send_due
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


def test_each_reminder_goes_once_at_its_time(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=3)
    webinar = make_webinar(starts_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=make_user(email="amy@example.org"), webinar=webinar)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due(now=start - timedelta(hours=25)) == 0
        assert reminders_send_due(now=start - timedelta(hours=23)) == 1
        assert reminders_send_due(now=start - timedelta(hours=22)) == 0  # claimed already
        assert reminders_send_due(now=start - timedelta(minutes=20)) == 0
        assert reminders_send_due(now=start - timedelta(minutes=14)) == 1
        assert reminders_send_due(now=start + timedelta(minutes=1)) == 0

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Tomorrow", "Starting in 15 minutes"]
    assert "/join" in mail.outbox[1].body


def test_late_registrants_get_no_reminder_that_was_already_due(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(hours=5)
    webinar = make_webinar(starts_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=make_user(), webinar=webinar)
        assert reminders_send_due(now=start - timedelta(hours=4)) == 0
        assert reminders_send_due(now=start - timedelta(minutes=10)) == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Registered",
        "Starting in 15 minutes",
    ]


def test_cancelled_registrations_and_cancelled_webinars_get_no_reminders(
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(days=2)
    webinar = make_webinar(starts_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_create(learner=make_user(), webinar=webinar)
        registration_cancel(registration=registration)
    mail.outbox.clear()
    assert reminders_send_due(now=start - timedelta(hours=1)) == 0
    assert Registration.objects.get().reminded_day_at is None


def test_the_scheduler_command_runs_due_work_once(
    django_capture_on_commit_callbacks, capsys
) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now() + timedelta(hours=30)
    webinar = make_webinar(starts_at=start)
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=make_user(), webinar=webinar)
    mail.outbox.clear()
    with (
        time_machine.travel(start - timedelta(hours=20), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("scheduler", "--once")
    assert "reminders_send_due: 1" in capsys.readouterr().out
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Tomorrow"]
