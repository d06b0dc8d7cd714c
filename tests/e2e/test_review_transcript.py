"""The repurposing review screen's transcript in a real browser: beside the proposed lessons on
a desktop, after them on a phone, with the cut points in it; a lesson spanning two topics is
said to and split in one tap; staff correct the words; the lessons are found again with other
lengths without uploading anything."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import Role
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.tests.support import webinar_vtt
from bitewise.testing import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


def tone(path: Path, seconds: int) -> Path:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         f"sine=frequency=220:duration={seconds}", "-ac", "1", "-b:a", "16k", "-y", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def log_in(page: Page, base: str, email: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.fixture
def job_with_two_topics(media_root: Path, tmp_path: Path) -> RepurposeJob:
    """A recording and its transcript, run by the (immediate) worker: three lessons; the
    second flagged by the segmenter as holding a second topic from cue 70 on."""
    staff = make_user(role=Role.AUTHOR, email="editor@example.org")
    recording = tone(tmp_path / "budget-webinar.mp3", 16 * 60)
    job = repurpose_job_create(
        by=staff,
        title="Budget webinar",
        recording=SimpleUploadedFile(recording.name, recording.read_bytes()),
        transcript=SimpleUploadedFile("budget-webinar.vtt", webinar_vtt().encode()),
    )
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    second = job.segments.get(position=1)
    second.spans_topics, second.suggested_split_time = True, float(job.cues[70][0])
    second.save(update_fields=["spans_topics", "suggested_split_time"])
    return job


def test_on_a_phone_staff_read_split_correct_and_find_the_lessons_again(
    live_server: Any,
    phone_page: Page,
    job_with_two_topics: RepurposeJob,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base, job = phone_page, live_server.url, job_with_two_topics
    log_in(page, base, "editor@example.org", f"/staff/repurpose/{job.pk}/")

    expect(page.get_by_role("heading", name="3 proposed lessons")).to_be_visible()
    note = page.get_by_role("note", name="Spans two topics")
    expect(note).to_contain_text("This lesson spans two topics. The second seems to start at 7:17")
    pane = page.locator("#transcript")
    lessons = page.locator(".review-lessons")
    assert (
        pane.bounding_box()["y"] >= lessons.bounding_box()["y"] + lessons.bounding_box()["height"]
    )  # type: ignore[index]
    check_accessible(page, "Review with transcript (phone)")
    check_fits_phone(page, "Review with transcript (phone)")
    snap(page, "review-transcript-phone")

    page.locator("#segment-2").get_by_role("link", name="Its transcript").click()
    block = page.locator(f"#transcript-{job.segments.get(position=1).first_cue}")
    expect(block.get_by_text("The second topic seems to start here.")).to_be_visible()
    snap(page, "review-transcript-phone-block")

    note.get_by_role("button", name="Split here, at 7:17").tap()
    expect(page.get_by_text("Split.")).to_be_visible()
    expect(page.get_by_role("heading", name="4 proposed lessons")).to_be_visible()
    expect(page.get_by_role("note", name="Spans two topics")).to_have_count(0)
    assert [(s.first_cue, s.stop_cue) for s in job.segments.order_by("position")][1:3] == [
        (50, 70), (70, 100),
    ]  # fmt: skip

    first = page.locator("#transcript-0")
    first.locator("summary").first.tap()
    first.get_by_text("Correct the words of lesson 1").tap()
    words = first.get_by_label("The words, a caption a line")
    lines = words.input_value().split("\n")
    lines[2] = "Each committee submits its budget request before the board meets."
    words.fill("\n".join(lines))
    first.get_by_role("button", name="Save the words").tap()
    expect(page.get_by_text("Corrected 1 caption.")).to_be_visible()
    expect(page.locator("#cue-2")).to_contain_text("before the board meets.")
    job.refresh_from_db()
    assert job.cues[2][2] == lines[2]

    page.get_by_text("Find the lessons again with other lengths").tap()
    page.get_by_label("Shortest lesson (minutes)").fill("0.5")
    page.get_by_label("Longest lesson (minutes)").fill("2")
    check_accessible(page, "Find the lessons again (phone)")
    page.get_by_role("button", name="Find the lessons again").tap()
    # the immediate task backend runs the worker inside the request: segment, draft, clips
    expect(page.get_by_text("Finding the lessons again with the new lengths.")).to_be_visible(
        timeout=120_000
    )
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY and job.segments.count() > 4
    expect(
        page.get_by_role("heading", name=f"{job.segments.count()} proposed lessons")
    ).to_be_visible()
    expect(page.locator("#cue-2")).to_contain_text("before the board meets.")  # kept
    check_accessible(page, "Review after finding the lessons again")
    check_fits_phone(page, "Review after finding the lessons again")


def test_on_a_desktop_the_transcript_sits_beside_the_lessons(
    live_server: Any,
    browser: Browser,
    job_with_two_topics: RepurposeJob,
    snap: PageCheck,
    check_accessible: PageCheck,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page, job = context.new_page(), job_with_two_topics
    try:
        log_in(page, live_server.url, "editor@example.org", f"/staff/repurpose/{job.pk}/")
        expect(page.get_by_role("heading", name="3 proposed lessons")).to_be_visible()

        pane = page.locator("#transcript").bounding_box()
        lessons = page.locator(".review-lessons").bounding_box()
        assert pane is not None and lessons is not None
        assert pane["x"] >= lessons["x"] + lessons["width"]  # side by side ...
        assert pane["y"] < lessons["y"] + 200  # ... from the top
        assert pane["height"] <= 800  # its own scroll, held in view
        expect(page.get_by_text("The second topic seems to start here.")).to_be_visible()
        for segment in job.segments.all():  # every lesson's part is open on a wide screen
            expect(page.locator(f"#transcript-{segment.first_cue} .cues")).to_be_visible()
        check_accessible(page, "Review with transcript (desktop)")
        snap(page, "review-transcript-desktop")
        page.screenshot(
            path=str(Path(__file__).parent / "screenshots" / "review-transcript-desktop-view.png")
        )
    finally:
        context.close()


def test_words_the_speech_model_doubted_are_marked_for_staff_to_check(
    live_server: Any,
    browser: Browser,
    job_with_two_topics: RepurposeJob,
    check_accessible: PageCheck,
) -> None:
    job = job_with_two_topics
    cues = list(job.cues)
    assert "board" in cues[3][2]
    cues[3] = [*cues[3][:4], ["board"]]  # as a transcription keeps a word it was unsure of
    job.cues = cues
    job.save(update_fields=["cues"])
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in(page, live_server.url, "editor@example.org", f"/staff/repurpose/{job.pk}/")
        marked = page.locator("#cue-3 mark.unsure")
        expect(marked).to_have_count(1)
        expect(marked).to_be_visible()
        expect(marked).to_contain_text("board")
        expect(page.locator("#transcript-0").get_by_text("Marked words:")).to_be_visible()
        expect(page.locator("#cue-2 mark")).to_have_count(0)
        check_accessible(page, "Review with unsure words marked")
    finally:
        context.close()
