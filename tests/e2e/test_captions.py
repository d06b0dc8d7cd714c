"""Captions on every media lesson, in a real browser on a phone: the player loads the lesson's
WebVTT track, the cue being said shows at its time (on the recording's clock for a lesson
playing a range of it, on the clip's own clock for a clip), the transcript opens below the
player, a range lesson shows its own length, and axe finds nothing serious."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson, LessonKind, MediaKind
from bitewise.catalog.services import micro_credential_publish, micro_credential_set_lessons
from bitewise.engines.transcripts import parse_transcript
from bitewise.search.data import LessonCut, RecordingTranscript
from bitewise.search.services.transcripts import transcript_index_recording, transcript_upload
from bitewise.testing import PASSWORD, make_micro_credential, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]

TALK_VTT = "WEBVTT\n\n" + "\n\n".join(
    f"00:00:{start:02d}.000 --> 00:{(start + 10) // 60:02d}:{(start + 10) % 60:02d}.000\n"
    f"{speaker}: {text}"
    for start, speaker, text in [
        (0, "Ana Ruiz", "Welcome to the budget session."),
        (10, "Ana Ruiz", "The operating reserve covers six months of expenses."),
        (20, "Ana Ruiz", "Each committee submits a budget request."),
        (30, "Ben Okafor", "Variance reports compare spending with the budget."),
        (40, "Ben Okafor", "The treasurer explains every variance."),
        (50, "Ben Okafor", "Thank you for listening."),
    ]
)


def tone(path: Path, seconds: int) -> Path:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         f"sine=frequency=220:duration={seconds}", "-ac", "1", "-b:a", "24k", "-y", str(path)],
        check=True, timeout=60,
    )  # fmt: skip
    return path


def audio_lesson(name: str, title: str, **fields: Any) -> Lesson:
    lesson = Lesson.objects.create(
        title=title, slug=title.lower().replace(" ", "-"), kind=LessonKind.MEDIA,
        media_kind=MediaKind.AUDIO, body_markdown="From the budget session.", **fields,
    )  # fmt: skip
    Lesson.objects.filter(pk=lesson.pk).update(media_file=name)
    lesson.refresh_from_db()
    return lesson


def log_in(page: Page, base: str, email: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def active_caption(page: Page) -> str:
    return str(
        page.evaluate(
            """() => { const cues = document.querySelector('audio').textTracks[0].activeCues;
                       return cues && cues.length ? cues[0].text : ''; }"""
        )
    )


def seek(page: Page, seconds: float, *, then_says: str, player: str = "audio") -> None:
    """Move the player to ``seconds`` and wait until the track's active cue says ``then_says``."""
    page.evaluate(f"() => {{ document.querySelector('{player}').currentTime = {seconds}; }}")
    page.wait_for_function(
        """([player, words]) => {
             const cues = document.querySelector(player).textTracks[0].activeCues;
             return cues && cues.length && cues[0].text.includes(words); }""",
        arg=[player, then_says],
    )


@pytest.fixture
def captioned(media_root: Path) -> dict[str, Any]:
    """A published micro-credential of three lessons cut from one session: audio playing
    20-50 s of the recording itself, audio of a clip cut from 30-60 s, and video playing
    10-40 s of a filmed copy."""
    (media_root / "recordings").mkdir()
    tone(media_root / "recordings" / "session.mp3", 60)
    tone(media_root / "recordings" / "clip-30-60.mp3", 30)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         "color=c=0x335577:size=320x180:rate=5", "-f", "lavfi", "-i",
         "sine=frequency=220:duration=40", "-t", "40", "-c:v", "libvpx", "-b:v", "40k",
         "-c:a", "libopus", "-b:a", "24k", "-y", str(media_root / "recordings" / "film.webm")],
        check=True, timeout=120,
    )  # fmt: skip
    ranged = audio_lesson(
        "recordings/session.mp3", "Budget requests", start_seconds=20, end_seconds=50
    )
    clip = audio_lesson("recordings/clip-30-60.mp3", "Variance reports")
    film = audio_lesson(
        "recordings/film.webm", "Budget session on film", start_seconds=10, end_seconds=40
    )
    Lesson.objects.filter(pk=film.pk).update(media_kind=MediaKind.VIDEO)
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[ranged.pk, clip.pk, film.pk])
    micro_credential_publish(micro_credential=mc, by=None)
    staff = make_user(role=Role.AUTHOR)
    for lesson in (ranged, film):
        transcript_upload(
            filename="session.vtt", data=TALK_VTT.encode(), uploaded_by=staff, lesson=lesson
        )
    transcript_index_recording(
        recording=RecordingTranscript(
            source_key="repurpose-job:1", title="Session", recording_file="recordings/other.mp3",
            recording_url="", filename="session.vtt", format="vtt",
            cues=parse_transcript(TALK_VTT, format="vtt").cues,
            lessons=(LessonCut(lesson_id=clip.pk, start=30.0, end=60.0, media_offset=30.0),),
        )
    )  # fmt: skip
    return {"mc": mc, "ranged": ranged, "clip": clip, "film": film}


def test_a_learner_gets_captions_and_a_transcript_on_a_range_and_on_a_clip(
    live_server: Any,
    phone_page: Page,
    captioned: dict[str, Any],
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    mc, ranged, clip = captioned["mc"], captioned["ranged"], captioned["clip"]
    learner = make_user(email="member@example.org")

    log_in(page, base, learner.email, f"/m/{mc.slug}/lessons/{ranged.pk}/")
    expect(page.get_by_role("heading", name="Budget requests")).to_be_visible()
    page.wait_for_function("() => document.querySelector('track').readyState === 2")
    cues = page.evaluate(
        "() => Array.from(document.querySelector('audio').textTracks[0].cues)"
        ".map(c => [c.startTime, c.endTime])"
    )
    assert cues == [[20, 30], [30, 40], [40, 50]]  # the range, on the recording's clock
    assert page.evaluate("() => document.querySelector('audio').textTracks[0].kind") == "captions"
    seek(page, 33, then_says="Variance reports compare spending")
    assert active_caption(page).startswith("<v Ben Okafor>")
    now = page.locator("[data-captions-now]")
    expect(now).to_have_text("Ben Okafor: Variance reports compare spending with the budget.")
    # the lesson's own length, not the recording's minute
    expect(page.locator("[data-clip-clock]")).to_have_text("This lesson: 0:13 of 0:30")

    summary = page.get_by_text("Transcript", exact=True)
    transcript = page.locator(".transcript-text")
    expect(transcript).to_be_hidden()
    summary.tap()
    expect(transcript).to_be_visible()
    expect(transcript).to_contain_text("Each committee submits a budget request.")
    expect(transcript).not_to_contain_text("Welcome to the budget session")
    check_accessible(page, "Lesson with captions and transcript")
    check_fits_phone(page, "Lesson with captions and transcript")
    snap(page, "lesson-captions-range")

    page.goto(f"{base}/m/{mc.slug}/lessons/{clip.pk}/")
    expect(page.get_by_role("heading", name="Variance reports")).to_be_visible()
    page.wait_for_function("() => document.querySelector('track').readyState === 2")
    cues = page.evaluate(
        "() => Array.from(document.querySelector('audio').textTracks[0].cues).map(c => c.startTime)"
    )
    assert cues == [0, 10, 20]  # the clip's own clock
    seek(page, 12, then_says="The treasurer explains every variance.")
    assert page.evaluate("() => document.querySelector('audio').currentTime") == 12
    assert page.locator("[data-clip-clock]").count() == 0  # a clip's own bar is its length
    page.get_by_text("Transcript", exact=True).tap()
    expect(page.locator(".transcript-text")).to_contain_text("Thank you for listening.")
    check_accessible(page, "Clip lesson with captions")
    check_fits_phone(page, "Clip lesson with captions")
    snap(page, "lesson-captions-clip")


def test_on_a_desktop_a_video_shows_its_captions_over_the_picture(
    live_server: Any,
    browser: Browser,
    captioned: dict[str, Any],
    snap: PageCheck,
    check_accessible: PageCheck,
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page, base = context.new_page(), live_server.url
    mc, film, ranged = captioned["mc"], captioned["film"], captioned["ranged"]
    learner = make_user(email="viewer@example.org")
    try:
        log_in(page, base, learner.email, f"/m/{mc.slug}/lessons/{film.pk}/")
        expect(page.get_by_role("heading", name="Budget session on film")).to_be_visible()
        page.wait_for_function("() => document.querySelector('track').readyState === 2")
        mode = page.evaluate("() => document.querySelector('video').textTracks[0].mode")
        assert mode == "showing"  # on by default; the player's menu turns them off
        seek(page, 15, then_says="operating reserve", player="video")
        expect(page.locator("[data-clip-clock]")).to_have_text("This lesson: 0:05 of 0:30")
        assert page.locator("[data-captions-now]").count() == 0  # the video shows them itself
        page.get_by_text("Transcript", exact=True).click()
        expect(page.locator(".transcript-text")).to_contain_text("Each committee submits")
        check_accessible(page, "Video lesson with captions (desktop)")
        snap(page, "lesson-captions-video-desktop")

        page.goto(f"{base}/m/{mc.slug}/lessons/{ranged.pk}/")
        page.get_by_text("Transcript", exact=True).click()
        check_accessible(page, "Audio lesson with captions (desktop)")
        snap(page, "lesson-captions-range-desktop")
    finally:
        context.close()


def test_staff_see_a_media_lesson_without_captions_said_plainly(
    live_server: Any, phone_page: Page, media_root: Path, check_accessible: PageCheck
) -> None:
    page, base = phone_page, live_server.url
    (media_root / "recordings").mkdir()
    tone(media_root / "recordings" / "bare.mp3", 20)
    lesson = audio_lesson("recordings/bare.mp3", "Uncaptioned talk")
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    staff = make_user(role=Role.AUTHOR, email="staff@example.org")

    log_in(page, base, staff.email, f"/m/{mc.slug}/lessons/{lesson.pk}/")

    expect(page.get_by_role("note")).to_contain_text("No captions")
    assert page.locator("track").count() == 0
    check_accessible(page, "Media lesson without captions (staff)")
