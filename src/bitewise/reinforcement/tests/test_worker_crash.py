"""Exactly once across crashes: real `bitewise worker --burst` processes, one killed with
SIGKILL at a chosen point, against the test database and a local SMTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from bitewise.common.tests.test_tasks import database_url
from bitewise.reinforcement.models import Delivery, DeliveryState
from bitewise.reinforcement.services.outbox import STALE_CLAIM
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.tasks import deliveries_send_task
from bitewise.reinforcement.tests.conftest import RefusingInbox
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register

START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
DAY_BEFORE = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)

# A real worker whose process kills itself (SIGKILL: no cleanup, no except, no finally) at
# the named point of delivery_send: before composing, or after the SMTP server said 250.
WORKER = """
import os, signal, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.base")
import django
django.setup()
from bitewise.reinforcement.services import sending
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
crash_at = os.environ.get("CRASH_AT", "")
if crash_at == "before_send":
    sending.delivery_compose = die
elif crash_at == "after_send":
    sending._record = die
from bitewise.cli import main
main(["worker", "--burst"])
"""


def run_worker(smtp: RefusingInbox, crash_at: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "DATABASE_URL": database_url(),
        "BITEWISE_TASKS_BACKEND": "database",
        "BITEWISE_SECRET_KEY": "worker-test",
        "BITEWISE_EMAIL_BACKEND": "smtp",
        "BITEWISE_EMAIL_HOST": "127.0.0.1",
        "BITEWISE_EMAIL_PORT": str(smtp.port),
        "CRASH_AT": crash_at,
    }
    return subprocess.run(
        [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def due_delivery(settings) -> Delivery:  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    register(event, make_learner(email="member@example.org"), at=START - timedelta(days=30))
    assert deliveries_plan_due(now=DAY_BEFORE - timedelta(minutes=30)) == 0
    assert deliveries_plan_due(now=DAY_BEFORE) == 1  # queued in the database backend
    return Delivery.objects.get()


def later() -> datetime:
    return datetime.now(UTC) + STALE_CLAIM + timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_before_sending_is_followed_by_exactly_one_email(
    smtp_server: RefusingInbox, due_delivery: Delivery
) -> None:
    killed = run_worker(smtp_server, crash_at="before_send")

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    due_delivery.refresh_from_db()
    assert due_delivery.state == DeliveryState.SENDING and due_delivery.handed_at is None
    assert smtp_server.messages == []

    assert deliveries_plan_due(now=later()) == 1  # the stale claim is released and queued
    finished = run_worker(smtp_server)

    assert finished.returncode == 0, finished.stderr
    [(recipients, _)] = smtp_server.messages
    assert recipients == ["member@example.org"]
    due_delivery.refresh_from_db()
    assert due_delivery.state == DeliveryState.SENT and due_delivery.attempts == 2


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_the_server_accepted_never_causes_a_second_email(
    smtp_server: RefusingInbox, due_delivery: Delivery
) -> None:
    killed = run_worker(smtp_server, crash_at="after_send")

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(smtp_server.messages) == 1
    due_delivery.refresh_from_db()
    assert due_delivery.state == DeliveryState.SENDING and due_delivery.handed_at is not None

    assert deliveries_plan_due(now=later()) == 0  # handed over: not queued again
    deliveries_send_task.enqueue([due_delivery.pk])  # even a stray duplicate task
    assert run_worker(smtp_server).returncode == 0

    assert len(smtp_server.messages) == 1
    due_delivery.refresh_from_db()
    assert due_delivery.state == DeliveryState.FAILED
    assert due_delivery.error.startswith("Outcome unknown")


@pytest.mark.django_db(transaction=True)
def test_a_delivery_queued_twice_is_sent_once_by_two_workers(
    smtp_server: RefusingInbox, due_delivery: Delivery
) -> None:
    deliveries_send_task.enqueue([due_delivery.pk])  # queued twice
    first, second = run_worker(smtp_server), run_worker(smtp_server)

    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert len(smtp_server.messages) == 1
    due_delivery.refresh_from_db()
    assert due_delivery.state == DeliveryState.SENT and due_delivery.attempts == 1
