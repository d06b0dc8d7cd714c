"""Episode downloads from private and local addresses are refused unless the setting allows
them: a feed cannot point the worker or the CLI at internal services."""

from __future__ import annotations

import io
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from bitewise.accounts.models import User
from bitewise.engines.podcasts.tests.local_server import Reply, Served, serving
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_jobs_from_feed
from bitewise.repurposing.services.run import repurpose_job_run

pytestmark = pytest.mark.django_db

REFUSED = "Could not connect to 127.0.0.1: it did not answer, or is not a public address."


@pytest.fixture
def server(settings) -> Iterator[Served]:  # type: ignore[no-untyped-def]
    settings.BITEWISE_FETCH_PRIVATE_ADDRESSES = False  # as in production
    with serving({"/ep1.wav": Reply(body=b"RIFF", headers={"Content-Type": "audio/wav"})}) as s:
        yield s


def feed(base: str, guid: str = "ep1") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Association Talk</title>'
        f"<item><title>Dues</title><guid>{guid}</guid>"
        f'<enclosure url="{base}/ep1.wav" type="audio/wav" length="4"/></item>'
        "</channel></rss>"
    ).encode()


def test_the_worker_refuses_an_episode_on_a_local_address(
    author: User,
    server: Served,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        intake = repurpose_jobs_from_feed(by=author, data=feed(server.base))

    repurpose_job_run(job_id=intake.jobs[0].pk)

    job = RepurposeJob.objects.get(pk=intake.jobs[0].pk)
    assert job.status == RepurposeJob.Status.FAILED
    assert REFUSED in job.error and not job.media_file
    assert server.hits == []


def test_the_job_message_is_the_same_for_an_open_and_a_closed_internal_port(
    author: User,
    server: Served,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    errors = []
    for guid, base in (("open", server.base), ("closed", closed)):
        with django_capture_on_commit_callbacks(execute=False):
            intake = repurpose_jobs_from_feed(by=author, data=feed(base, guid))
        repurpose_job_run(job_id=intake.jobs[0].pk)
        errors.append(RepurposeJob.objects.get(pk=intake.jobs[0].pk).error)

    assert errors[0] == errors[1] == f"Cannot fetch the episode: {REFUSED}"


def test_the_cli_refuses_an_episode_on_a_local_address(server: Served, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(feed(server.base))
    err = io.StringIO()

    with pytest.raises(Exception, match="1 of 1 episodes failed"):
        call_command(
            "repurpose", str(path), "--out", str(tmp_path / "out"),
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip

    assert REFUSED in err.getvalue()
    assert server.hits == []
