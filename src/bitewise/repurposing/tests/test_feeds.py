"""Podcast feeds: one job per episode with a recording, fetched by the worker from the feed's
link; a feed uploaded again queues only new episodes; the CLI repurposes each episode."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command

from bitewise.accounts.models import User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.intake import repurpose_jobs_from_feed
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.media_support import speech

pytestmark = pytest.mark.django_db


def feed_xml(base: str, episodes: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><guid>{guid}</guid>"
        f'<enclosure url="{base}/{guid}.wav" type="audio/wav" length="1000"/></item>'
        for guid, title in episodes
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Association Talk</title>'
        f"<link>{base}</link>{items}"
        "<item><title>Show notes only</title><guid>notes</guid></item>"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server over a folder: the podcast's host."""
    root = tmp_path / "site"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def test_a_feed_queues_each_episode_once(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    data = feed_xml("https://pod.example.org", [("ep1", "Dues"), ("ep2", "Volunteers")])
    with django_capture_on_commit_callbacks(execute=False):
        intake = repurpose_jobs_from_feed(by=author, data=data)
    assert [j.title for j in intake.jobs] == ["Dues", "Volunteers"]
    assert intake.without_media == 1 and intake.already_queued == 0
    job = RepurposeJob.objects.get(episode_guid="ep1")
    assert job.media_url == "https://pod.example.org/ep1.wav"
    assert job.feed_title == "Association Talk"

    more = feed_xml("https://pod.example.org", [("ep1", "Dues"), ("ep3", "Renewals")])
    with django_capture_on_commit_callbacks(execute=False):
        again = repurpose_jobs_from_feed(by=author, data=more)
    assert [j.title for j in again.jobs] == ["Renewals"] and again.already_queued == 1
    assert RepurposeJob.objects.count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"<html><body>Not a feed</body></html>", "feed")],
)
def test_a_file_that_is_not_a_feed_is_refused(author: User, data: bytes, message: str) -> None:
    with pytest.raises(RepurposeError, match=message):
        repurpose_jobs_from_feed(by=author, data=data)
    assert not RepurposeJob.objects.exists()


def test_the_worker_fetches_an_episode_and_fails_cleanly_when_it_is_gone(
    author: User,
    server: tuple[str, Path],
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    base, root = server
    speech(root / "ep1.wav")
    (root / "ep2.wav").write_bytes(b"<html>moved</html>")  # not a recording at all
    data = feed_xml(base, [("ep1", "Dues"), ("ep2", "Broken"), ("ep3", "Missing")])
    with django_capture_on_commit_callbacks(execute=False):
        intake = repurpose_jobs_from_feed(by=author, data=data, min_minutes=0.1, max_minutes=0.4)
    for job in intake.jobs:
        repurpose_job_run(job_id=job.pk)
    ok, broken, missing = (RepurposeJob.objects.get(pk=j.pk) for j in intake.jobs)

    assert ok.status == RepurposeJob.Status.READY, ok.error
    assert ok.media_file.name.endswith(".wav") and ok.cues and ok.segments.exists()
    assert broken.status == RepurposeJob.Status.FAILED
    assert "not an audio or video file" in broken.error and not broken.media_file
    assert missing.status == RepurposeJob.Status.FAILED
    assert "HTTP 404" in missing.error


def test_the_cli_repurposes_each_episode_of_a_feed_into_its_own_folder(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, root = server
    speech(root / "ep1.wav")
    feed = tmp_path / "feed.xml"
    feed.write_bytes(feed_xml(base, [("ep1", "Dues and budgets"), ("ep9", "Gone")]))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(Exception, match="1 of 2 episodes failed"):
        call_command(
            "repurpose", str(feed), "--out", str(tmp_path / "out"),
            "--min-minutes", "0.1", "--max-minutes", "0.4", stdout=out, stderr=err,
        )  # fmt: skip

    assert "Episode 1 of 2: Dues and budgets" in out.getvalue()
    assert "Gone: Cannot fetch the episode" in err.getvalue()
    folder = tmp_path / "out" / "001-dues-and-budgets"
    segments = json.loads((folder / "segments.json").read_text())
    assert segments and all((folder / s["clip"]).is_file() for s in segments)


def test_the_worker_reads_an_episodes_published_transcript_instead_of_transcribing(
    author: User,
    server: tuple[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    base, root = server
    speech(root / "ep1.wav")
    lines = [f"Point {i} on the membership renewal schedule." for i in range(12)]
    (root / "ep1.vtt").write_text(
        "WEBVTT\n\n"
        + "\n\n".join(
            f"00:00:{2 * i:02d}.000 --> 00:00:{2 * i + 2:02d}.000\n{line}"
            for i, line in enumerate(lines)
        )
        + "\n"
    )
    data = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Talk</title>'
        f'<item><title>Renewals</title><guid>ep1</guid><enclosure url="{base}/ep1.wav" '
        f'type="audio/wav" length="1000"/><podcast:transcript url="{base}/ep1.vtt" '
        'type="text/vtt"/></item></channel></rss>'
    ).encode()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a published transcript needs no transcribing")

    monkeypatch.setattr("bitewise.repurposing.services.run.transcribe_recording", never)
    with django_capture_on_commit_callbacks(execute=False):
        (job,) = repurpose_jobs_from_feed(
            by=author, data=data, min_minutes=0.1, max_minutes=0.4
        ).jobs
    assert job.transcript_url == f"{base}/ep1.vtt"

    repurpose_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    assert job.transcript_name == "ep1.vtt" and job.cues_are_timed
    assert [cue[2] for cue in job.cues] == lines
    assert job.media_file and job.segments.exists()
