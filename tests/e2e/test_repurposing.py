"""Recordings into lessons in a real browser on a phone: staff upload a recording with its
transcript, read the proposed lessons on the timeline, split one, retitle it, and publish
them all into a new draft micro-credential."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role
from bitewise.catalog.models import MicroCredential
from bitewise.common.testing import PASSWORD, make_user
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


def tone_recording(path: Path, seconds: int) -> Path:
    """A quiet tone as long as the transcript (the transcript is used; the tone gives clips)."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         f"sine=frequency=220:duration={seconds}", "-ac", "1", "-b:a", "24k", "-y", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def test_staff_turn_a_recording_into_published_lessons(
    live_server: Any,
    phone_page: Page,
    media_root: Path,
    tmp_path: Path,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    staff = make_user(role=Role.AUTHOR, email="editor@example.org")
    transcript = tmp_path / "budget-webinar.vtt"
    transcript.write_text(webinar_vtt(), encoding="utf-8")
    recording = tone_recording(tmp_path / "budget-webinar.mp3", 16 * 60)

    page.goto(f"{base}/accounts/login/?next=/staff/repurpose/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect(page.get_by_role("heading", name="Turn a recording into lessons")).to_be_visible()
    check_accessible(page, "Repurpose upload")
    check_fits_phone(page, "Repurpose upload")
    snap(page, "repurpose-upload")

    page.get_by_label("Title", exact=True).fill("Budget webinar")
    page.get_by_label("Recording", exact=True).set_input_files(str(recording))
    page.get_by_label("Transcript", exact=True).set_input_files(str(transcript))
    page.get_by_role("button", name="Upload and start").tap()

    # the test settings run the job as soon as the upload commits
    expect(page.get_by_role("heading", name="3 proposed lessons")).to_be_visible()
    timeline = page.get_by_role("list", name="Timeline of the recording")
    expect(timeline.get_by_role("link")).to_have_count(3)
    expect(page.get_by_role("link", name="clip")).to_have_count(3)
    check_accessible(page, "Repurpose review")
    check_fits_phone(page, "Repurpose review")
    snap(page, "repurpose-review")

    first = page.locator("#segment-1")
    first.get_by_text("Change where it starts or ends").tap()
    first.get_by_label("Split at").fill("2:30")
    first.get_by_role("button", name="Split in two").tap()
    expect(page.get_by_text("Split.")).to_be_visible()
    expect(page.get_by_role("heading", name="4 proposed lessons")).to_be_visible()

    second = page.locator("#segment-2")
    second.get_by_text("Edit title, summary and questions").tap()
    second.get_by_label("Title").fill("Reserves and variance reports")
    second.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("heading", name="2. Reserves and variance reports")).to_be_visible()

    page.get_by_label("New micro-credential's title").fill("Association finance basics")
    page.get_by_role("button", name="Publish 4 lessons").tap()
    expect(page.get_by_text("Published 4 lessons to “Association finance basics”")).to_be_visible()

    credential = MicroCredential.objects.get(title="Association finance basics")
    lessons = [m.lesson for m in credential.memberships.order_by("position")]
    assert [le.title for le in lessons][1] == "Reserves and variance reports"
    assert all(le.media_file.name.startswith("clips/") for le in lessons)
    assert RepurposeJob.objects.get().status == RepurposeJob.Status.PUBLISHED
