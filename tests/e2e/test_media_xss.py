"""The stored XSS through lesson media, tried for real: an author uploads a web page or an
SVG as the lesson's "video", then an admin opens it. The upload is refused, and a page that
got stored before the checks never runs as this site: no read of /staff/, no post."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect

from bitewise.accounts.models import Role, User
from bitewise.catalog.models import Lesson, LessonKind, Skill
from bitewise.catalog.services import micro_credential_set_lessons
from bitewise.common.tests.uploads import ATTACK_HTML, ATTACK_SVG
from bitewise.testing import PASSWORD, make_micro_credential, make_user
from tests.e2e.conftest import expect_signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect_signed_in(page)


@pytest.fixture
def desk(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.mark.parametrize(
    ("name", "data"), [("intro.html", ATTACK_HTML), ("intro.svg", ATTACK_SVG)], ids=["html", "svg"]
)
def test_an_author_cannot_upload_a_page_as_lesson_video(
    live_server: Any, desk: BrowserContext, media_root: Path, tmp_path: Path, name: str, data: bytes
) -> None:
    page, base = desk.new_page(), live_server.url
    attack = tmp_path / name
    attack.write_bytes(data)
    log_in(page, base, make_user(role=Role.AUTHOR))

    page.goto(f"{base}/staff/lessons/new")
    page.get_by_label("Title", exact=True).fill("Ward round")
    page.get_by_label("Kind", exact=True).select_option("media")
    page.get_by_label("Media kind").select_option("video")
    page.get_by_label("Media file").set_input_files(str(attack))
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("This is not an audio or video file")).to_be_visible()
    assert not Lesson.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "data"), [("intro.html", ATTACK_HTML), ("intro.svg", ATTACK_SVG)], ids=["html", "svg"]
)
def test_a_page_stored_before_the_checks_never_runs_as_this_site_for_an_admin(
    live_server: Any, desk: BrowserContext, media_root: Path, name: str, data: bytes
) -> None:
    # Given a page an author stored as lesson media before uploads were checked
    stored = f"lessons/2025/11/{name}"
    (media_root / stored).parent.mkdir(parents=True)
    (media_root / stored).write_bytes(data)
    lesson = Lesson.objects.create(title="Ward round", slug="ward-round", kind=LessonKind.MEDIA)
    Lesson.objects.filter(pk=lesson.pk).update(media_file=stored)
    mc = make_micro_credential(lessons=0, quiz=False, publish=False)
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[lesson.pk])
    page, base = desk.new_page(), live_server.url
    log_in(page, base, make_user(role=Role.ADMIN))
    staff_reads: list[str] = []
    page.on("request", lambda r: staff_reads.append(r.url) if "/staff/" in r.url else None)

    # When the admin opens it
    with page.expect_download() as download:
        try:
            page.goto(f"{base}/media/{stored}")
        except Error as error:  # Chromium reports a navigation that became a download so
            assert "Download is starting" in str(error)

    # Then it is a download, not a page of this site, and its script did nothing
    assert download.value.suggested_filename == name
    page.wait_for_timeout(500)  # time the page's fetches would have needed
    assert staff_reads == []
    assert not Skill.objects.filter(name="pwned").exists()

    # And even opened as a document, the sandbox leaves it no script and no origin
    frame_page = desk.new_page()
    frame_page.goto(f"{base}/accounts/login/")
    response = frame_page.request.get(f"{base}/media/{stored}")
    assert response.headers["content-security-policy"] == "default-src 'none'; sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "application/octet-stream"


def test_a_lesson_recording_still_plays_and_seeks_for_its_learners(
    live_server: Any, desk: BrowserContext, media_root: Path
) -> None:
    from bitewise.common.tests.uploads import wav_bytes

    stored = "lessons/2026/01/clip.wav"
    (media_root / stored).parent.mkdir(parents=True)
    (media_root / stored).write_bytes(wav_bytes(seconds=6))
    mc = make_micro_credential(lessons=1, quiz=False)
    lesson = mc.lessons.get()
    Lesson.objects.filter(pk=lesson.pk).update(
        kind=LessonKind.MEDIA, media_kind="audio", media_file=stored
    )
    page, base = desk.new_page(), live_server.url
    log_in(page, base, make_user())

    page.goto(f"{base}/m/{mc.slug}/lessons/{lesson.pk}/")
    audio = page.locator("audio")
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    assert audio.evaluate("(a) => Math.round(a.duration)") == 6
    audio.evaluate("(a) => { a.currentTime = 4; }")
    page.wait_for_function("() => !document.querySelector('audio').seeking")
    assert audio.evaluate("(a) => a.currentTime") >= 3.9
