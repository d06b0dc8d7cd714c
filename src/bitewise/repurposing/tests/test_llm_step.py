"""The optional language-model step, wired through a job: an OpenAI-compatible endpoint named
by environment variables improves what it can; a reply that fails the checks, or settings that
are wrong, leave the rule-based drafts and a note for staff."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = pytest.mark.django_db

BUDGET_REPLY = {
    "title": "Budgets and Reserves",
    "summary": "Committees request budgets and the board approves them.",
    "questions": [
        {
            "kind": "multiple_choice",
            "prompt": "What covers six months of expenses?",
            "choices": ["Revenue forecast", "Operating reserve", "Budget request"],
            "answer": "Operating reserve",
        },
        {
            "kind": "cloze",
            "prompt": "Each committee submits a _____ before the board meeting.",
            "choices": [],
            "answer": "budget request",
        },
    ],
}
MADE_UP_REPLY = {**BUDGET_REPLY, "title": "Made up"}  # its answers are not in other segments


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, object]]]:
    """A fake chat-completions endpoint; yields the list of requests it received."""
    received: list[dict[str, object]] = []
    replies = [BUDGET_REPLY, MADE_UP_REPLY, MADE_UP_REPLY]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            content = json.dumps(replies[min(len(received), 3) - 1])
            body = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("BITEWISE_LLM_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("BITEWISE_LLM_MODEL", "tiny")
    yield received
    httpd.shutdown()
    httpd.server_close()


def run_job(author: User, capture: Callable) -> RepurposeJob:  # type: ignore[type-arg]
    upload = SimpleUploadedFile("webinar.vtt", webinar_vtt().encode())
    with capture(execute=False):
        job = repurpose_job_create(by=author, title="", transcript=upload)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_checked_replies_improve_drafts_and_rejected_ones_leave_a_note(
    author: User,
    endpoint: list[dict[str, object]],
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = run_job(author, django_capture_on_commit_callbacks)

    assert job.status == RepurposeJob.Status.READY and len(endpoint) == 3
    first, second, _third = job.segments.order_by("position")
    assert first.title == "Budgets and Reserves"
    assert [q["answer"] for q in first.questions] == ["operating reserve", "budget request"]
    assert second.title != "Made up" and second.questions  # the rule-based draft stays
    assert any("model reply rejected" in w for w in job.warnings)


def test_wrong_settings_are_a_note_not_a_failed_job(
    author: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    monkeypatch.setenv("BITEWISE_LLM_BASE_URL", "ftp://models.example.org")
    job = run_job(author, django_capture_on_commit_callbacks)
    assert job.status == RepurposeJob.Status.READY
    assert job.warnings == [
        "Language model not used: BITEWISE_LLM_BASE_URL must be an http(s) URL, such as .../v1"
    ]
