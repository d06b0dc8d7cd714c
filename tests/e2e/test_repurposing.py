"""Recordings into lessons in a real browser on a phone: staff upload a recording with its
transcript, read the proposed lessons on the timeline, split one, retitle it, and publish
them all into a new draft micro-credential; once it is published, a learner searching for a
phrase spoken in the recording lands in the lesson cut from that part, at that second."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role
from bitewise.catalog.models import MicroCredential
from bitewise.catalog.services import micro_credential_publish
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.tests.support import SPOKEN_AT, transcript_with_phrase
from bitewise.search.services.indexing import search_index_refresh
from bitewise.testing import PASSWORD, make_user

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
    transcript.write_text(transcript_with_phrase(), encoding="utf-8")
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
    job = RepurposeJob.objects.get()
    assert job.status == RepurposeJob.Status.PUBLISHED

    # An admin publishes the micro-credential; the scheduler brings search up to date.
    micro_credential_publish(micro_credential=credential, by=None)
    search_index_refresh()
    owner = next(s for s in job.segments.all() if s.start <= SPOKEN_AT < s.end)
    assert owner.lesson is not None
    page.context.clear_cookies()
    learner = make_user(email="member@example.org")
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    box = page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill("quokka mnemonic")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    hit = options.filter(has_text="Recording").first  # the lesson's text matches too
    expect(hit).to_contain_text(owner.lesson.title)
    hit.tap()

    expect(page.get_by_role("heading", name=owner.lesson.title)).to_be_visible()
    at = int(page.url.rsplit("t=", 1)[1])
    assert owner.start <= at + owner.start <= SPOKEN_AT  # the passage, on the clip's clock
    audio = page.locator("audio")
    assert audio.get_attribute("src") == f"{owner.lesson.media_file.url}#t={at}"
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    assert abs(audio.evaluate("a => a.currentTime") - at) < 1.5
    snap(page, "repurpose-search-player")
    page.get_by_role("link", name="Open the lesson at").tap()

    expect(page.get_by_role("heading", name=owner.lesson.title)).to_be_visible()
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('audio').currentTime - {at}) < 1.5"
    )  # the lesson's player starts at the second, not at the clip's start
    check_accessible(page, "Lesson opened at a second")


def test_staff_page_through_a_long_review_and_delete_the_job_after_confirming(
    live_server: Any,
    phone_page: Page,
    media_root: Path,
    tmp_path: Path,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    staff = make_user(role=Role.AUTHOR, email="producer@example.org")
    transcript = tmp_path / "long-webinar.vtt"
    transcript.write_text(transcript_with_phrase(), encoding="utf-8")
    page.goto(f"{base}/accounts/login/?next=/staff/repurpose/")
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    page.get_by_label("Title", exact=True).fill("Long webinar")
    page.get_by_label("Transcript", exact=True).set_input_files(str(transcript))
    page.get_by_label("Shortest lesson (minutes)").fill("0.1")
    page.get_by_label("Longest lesson (minutes)").fill("0.5")
    page.get_by_role("button", name="Upload and start").tap()

    pages = page.get_by_role("navigation", name="Pages of proposed lessons")
    expect(pages).to_contain_text("Lessons 1\u201312 of")
    pages.get_by_role("link", name="Next").tap()
    expect(pages).to_contain_text("Lessons 13\u201324 of")
    check_accessible(page, "Repurpose review, page 2")
    check_fits_phone(page, "Repurpose review, page 2")
    snap(page, "repurpose-review-page-2")

    page.get_by_role("link", name="Delete this job…").tap()
    expect(page.get_by_role("heading", name="Delete “Long webinar”?")).to_be_visible()
    check_accessible(page, "Delete a repurposing job")
    check_fits_phone(page, "Delete a repurposing job")
    snap(page, "repurpose-delete")
    page.get_by_role("button", name="Delete the job").tap()

    expect(page.get_by_text("Deleted “Long webinar” and its files.")).to_be_visible()
    assert not RepurposeJob.objects.filter(title="Long webinar").exists()
