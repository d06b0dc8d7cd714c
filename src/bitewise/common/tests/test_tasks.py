"""Background work through django.tasks, run by a real `bitewise worker` process:
once on the database backend (embedded default) and once on RQ with the real Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus, task_backends
from redis import Redis

from bitewise.common.models import DomainEvent
from bitewise.common.tasks import ping_task
from bitewise.testing import earn, make_micro_credential, make_user

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, flushed by these tests
QUEUES = ["default", "media"]
DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
RQ_BACKEND = {
    "default": {
        "BACKEND": "bitewise.common.rq_backend.RQBackend",
        "OPTIONS": {"url": REDIS_URL},
        "QUEUES": QUEUES,
    }
}


def database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    host = params["HOST"] or "127.0.0.1"
    return f"postgres://{params['USER']}@{host}:{params['PORT'] or 5432}/{params['NAME']}"


def run_worker(kind: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "DATABASE_URL": database_url(),
        "BITEWISE_TASKS_BACKEND": kind,
        "BITEWISE_REDIS_URL": REDIS_URL,
        "BITEWISE_SECRET_KEY": "worker-test",
    }
    command = [sys.executable, "-m", "bitewise.cli", "worker", "--burst", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def redis_queue() -> Redis:
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    yield redis
    redis.flushdb()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_an_enqueued_task(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_BACKEND
    marker, text = tmp_path / "ran.txt", uuid.uuid4().hex
    result = ping_task.enqueue(str(marker), text)
    assert not marker.exists()

    finished = run_worker("database")

    assert finished.returncode == 0, finished.stderr
    assert marker.read_text() == text
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == text


@pytest.mark.django_db(transaction=True)
def test_the_rq_worker_runs_an_enqueued_task_through_redis(  # type: ignore[no-untyped-def]
    settings, tmp_path: Path, redis_queue: Redis
) -> None:
    settings.TASKS = RQ_BACKEND
    marker, text = tmp_path / "ran.txt", uuid.uuid4().hex
    result = ping_task.enqueue(str(marker), text)
    assert redis_queue.llen("rq:queue:default") == 1  # really queued in Redis

    finished = run_worker("rq")

    assert finished.returncode == 0, finished.stderr
    assert marker.read_text() == text
    result = task_backends["default"].get_result(result.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == text


@pytest.mark.django_db(transaction=True)
def test_credential_earned_is_dispatched_by_the_worker_exactly_once(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DB_BACKEND
    earn(make_user(), make_micro_credential())
    [event] = DomainEvent.objects.filter(name="credential_earned")
    assert event.dispatched_at is None  # queued after commit, not run inline

    assert run_worker("database").returncode == 0
    event.refresh_from_db()
    first_dispatch = event.dispatched_at
    assert first_dispatch is not None

    from bitewise.common.tasks import dispatch_event_task

    dispatch_event_task.enqueue(event.pk)  # a duplicate delivery is harmless
    assert run_worker("database").returncode == 0
    event.refresh_from_db()
    assert event.dispatched_at == first_dispatch


def test_the_worker_refuses_the_inline_backend() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "BITEWISE_TASKS_BACKEND": "immediate",
        "BITEWISE_SECRET_KEY": "x",
    }
    finished = subprocess.run(
        [sys.executable, "-m", "bitewise.cli", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode != 0
    assert "no worker needed" in finished.stderr
    assert "Traceback" not in finished.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["database", "rq"])
def test_a_worker_serves_only_the_queues_it_is_given(  # type: ignore[no-untyped-def]
    settings, tmp_path: Path, redis_queue: Redis, kind: str
) -> None:
    settings.TASKS = DB_BACKEND if kind == "database" else RQ_BACKEND
    short, media = tmp_path / "short.txt", tmp_path / "media.txt"
    ping_task.enqueue(str(short), "short")
    ping_task.using(queue_name="media").enqueue(str(media), "media")

    assert run_worker(kind, "--queue", "media").returncode == 0
    assert media.exists() and not short.exists()  # a recording worker leaves email alone
    assert run_worker(kind, "--queue", "default").returncode == 0
    assert short.exists()


def test_an_unknown_queue_is_refused_with_a_message() -> None:
    finished = run_worker("database", "--queue", "videos")
    assert finished.returncode != 0
    assert "Unknown queue 'videos'" in finished.stderr and "Traceback" not in finished.stderr
