"""Just-in-time search in a real browser on a phone: results as you type in the header box,
keyboard choice of a suggestion, the no-JavaScript results page, and a recording hit that
opens the player at its moment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload
from bitewise.search.tests.factories import (
    CONFERENCE_URL,
    CONFERENCE_VTT,
    index_with_transcript,
    make_catalog,
    make_conference,
    make_staff,
)
from bitewise.testing import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


def test_a_learner_finds_a_lesson_and_a_moment_of_a_recording_as_they_type(
    live_server: Any,
    phone_page: Page,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    mc = make_catalog()
    index_with_transcript(mc, make_staff())
    search_index_refresh()

    learner = make_user(email="sam@example.org")
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    box = page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill("accru")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    # The lesson and a quiz explanation on accruals both match; their order differs between
    # SQLite's and PostgreSQL's full-text ranking.
    lesson = options.filter(has_text="Accruals and cut-off")
    expect(lesson).to_have_count(1)
    expect(box).to_have_attribute("aria-expanded", "true")
    snap(page, "search-suggestions")
    check_accessible(page, "Search suggestions")
    check_fits_phone(page, "Search suggestions")

    position = options.all_inner_texts().index(lesson.inner_text())
    for _ in range(position + 1):
        box.press("ArrowDown")
    expect(lesson).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.get_by_role("heading", name="Accruals and cut-off")).to_be_visible()

    page.goto(f"{base}/search/?q=rapid+response+team")
    check_accessible(page, "Search results")
    check_fits_phone(page, "Search results")
    page.get_by_role("link", name="Webinar: escalation").first.tap()
    expect(page.get_by_text("Playing from 1:23")).to_be_visible()
    assert "/search/play/" in page.url and page.url.endswith("?t=83")
    video = page.locator("video")
    assert video.get_attribute("src") == "https://media.example.org/escalation.mp4#t=83"
    snap(page, "search-player")


def test_a_phrase_from_the_middle_of_a_shared_recording_opens_its_own_lesson_at_the_second(
    live_server: Any,
    phone_page: Page,
    snap: PageCheck,
    check_accessible: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    _, lessons = make_conference()  # three lessons play ranges of one recording
    transcript_upload(
        filename="conference.vtt", data=CONFERENCE_VTT, uploaded_by=make_staff(), lesson=lessons[0]
    )
    search_index_refresh()
    learner = make_user(email="kim@example.org")
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()

    box = page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill("depreciation useful life")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    hit = options.filter(has_text="Recording").first  # the lesson's title matches too
    expect(hit).to_contain_text("Depreciation basics")
    expect(hit).to_contain_text("6:40")
    hit.tap()

    expect(page.get_by_role("heading", name="Depreciation basics")).to_be_visible()
    expect(page.get_by_text("Playing from 6:40")).to_be_visible()
    assert page.locator("video").get_attribute("src") == f"{CONFERENCE_URL}#t=400"
    check_accessible(page, "Search player in a lesson")
    snap(page, "search-player-own-lesson")
    page.get_by_role("link", name="Open the lesson at 6:40").tap()

    expect(page.get_by_role("heading", name="Depreciation basics")).to_be_visible()
    assert page.url.endswith(f"/{lessons[1].pk}/?t=400")
