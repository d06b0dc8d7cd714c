"""A new learner on a phone: sign up, find, subscribe, learn, pass, drop out, come back."""

from __future__ import annotations

import math
import re
import struct
import wave
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    Lesson,
    LessonKind,
    Level,
    MediaKind,
    MicroCredential,
    Question,
    QuestionKind,
    Skill,
)
from bitewise.catalog.services import (
    lesson_save,
    micro_credential_publish,
    micro_credential_save,
    micro_credential_set_lessons,
    question_save,
)
from bitewise.common.events import CREDENTIAL_EARNED
from bitewise.common.models import DomainEvent
from bitewise.learning.models import Award
from tests.e2e.conftest import expect_signed_in, open_menu
from tests.e2e.signup import finish_sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "sam.rivera@example.org"
PASSWORD = "correct-horse-battery-42"
CLIP_START, CLIP_END = 2, 5

PageCheck = Callable[[Page, str], object]  # the conftest's snap / check_* fixtures


@dataclass(frozen=True)
class SeededCatalog:
    hand_hygiene: MicroCredential
    handover: MicroCredential
    text_lesson: Lesson
    audio_lesson: Lesson
    quiz_lesson: Lesson


def write_tone_wav(path: Path, *, seconds: int = 6, rate: int = 8000) -> None:
    """A short 440 Hz mono tone, enough for a player to load and seek in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(seconds * rate)
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)


@pytest.fixture
def seeded_catalog(media_root: Path) -> SeededCatalog:
    """Two published micro-credentials with different skills and levels; the first has
    a Markdown lesson, an audio clip out of a longer recording, and a two-question quiz."""
    infection = Skill.objects.create(name="Infection control", slug="infection-control")
    medication = Skill.objects.create(name="Medication safety", slug="medication-safety")

    text_lesson = lesson_save(
        lesson=Lesson(
            title="Why clean hands matter",
            kind=LessonKind.TEXT,
            minutes=3,
            body_markdown=(
                "Most infections picked up in care are carried **on hands**.\n\n"
                "Clean your hands:\n\n"
                "- before touching a patient\n"
                "- after body-fluid exposure\n"
            ),
        ),
        skill_ids=[infection.pk],
    )
    write_tone_wav(media_root / "lessons" / "five-moments.wav")
    audio_lesson = lesson_save(
        lesson=Lesson(
            title="The five moments, in brief",
            kind=LessonKind.MEDIA,
            minutes=2,
            media_kind=MediaKind.AUDIO,
            media_file="lessons/five-moments.wav",
            start_seconds=CLIP_START,
            end_seconds=CLIP_END,
            body_markdown="Listen to the three-second clip, then carry on.",
        ),
        skill_ids=[infection.pk],
    )
    quiz_lesson = lesson_save(
        lesson=Lesson(
            title="Check your understanding",
            kind=LessonKind.QUIZ,
            minutes=2,
            body_markdown="Two quick questions.",
        ),
        skill_ids=[infection.pk],
    )
    question_save(
        question=Question(
            lesson=quiz_lesson,
            kind=QuestionKind.SINGLE,
            prompt="How long should a hand rub take?",
            position=0,
        ),
        choices=[
            {"text": "5 seconds", "explanation": "Too short to cover every surface."},
            {
                "text": "20 to 30 seconds",
                "is_correct": True,
                "explanation": "Long enough to cover all surfaces of both hands.",
            },
        ],
    )
    question_save(
        question=Question(
            lesson=quiz_lesson,
            kind=QuestionKind.MULTIPLE,
            prompt="Which are among the five moments?",
            position=1,
        ),
        choices=[
            {
                "text": "Before touching a patient",
                "is_correct": True,
                "explanation": "Protects the patient from germs on your hands.",
            },
            {
                "text": "After touching patient surroundings",
                "is_correct": True,
                "explanation": "Beds and rails carry germs too.",
            },
            {
                "text": "Before writing notes",
                "explanation": "Not one of the five moments.",
            },
        ],
    )
    hand_hygiene = micro_credential_save(
        micro_credential=MicroCredential(
            title="Hand hygiene essentials",
            summary="The habits that stop most infections, in under ten minutes.",
            level=Level.FOUNDATION,
            ce_credits=Decimal("0.5"),
            ce_credit_type="CNE",
            pass_percent=50,
        ),
        skill_ids=[infection.pk],
    )
    micro_credential_set_lessons(
        micro_credential=hand_hygiene,
        lesson_ids=[text_lesson.pk, audio_lesson.pk, quiz_lesson.pk],
    )
    micro_credential_publish(micro_credential=hand_hygiene, by=None)

    handover_lesson = lesson_save(
        lesson=Lesson(title="Handing over medicines safely", minutes=4, body_markdown="Read back."),
        skill_ids=[medication.pk],
    )
    handover = micro_credential_save(
        micro_credential=MicroCredential(
            title="Safe medication handovers",
            summary="Closing the gaps where errors creep in between shifts.",
            level=Level.ADVANCED,
            pass_percent=50,
        ),
        skill_ids=[medication.pk],
    )
    micro_credential_set_lessons(micro_credential=handover, lesson_ids=[handover_lesson.pk])
    micro_credential_publish(micro_credential=handover, by=None)
    return SeededCatalog(hand_hygiene, handover, text_lesson, audio_lesson, quiz_lesson)


def answer_question(page: Page, prompt: str, choices: list[str], button: str) -> Locator:
    """Tick the given choices under one question of an attempt and press its button."""
    question = page.locator("section.question", has_text=prompt)
    for choice in choices:
        question.get_by_label(choice, exact=True).check()
    question.get_by_role("button", name=button).tap()
    return page.locator("section.question", has_text=prompt)


def test_new_learner_on_a_phone_earns_a_micro_credential_once_and_keeps_progress_after_leaving(
    live_server: Any,
    phone_page: Page,
    seeded_catalog: SeededCatalog,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    mc = seeded_catalog.hand_hygiene

    # Given a visitor who signs up with an email and a password
    page.goto(f"{base}/accounts/signup/")
    check_fits_phone(page, "sign-up page")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").tap()
    finish_sign_up(page, base, EMAIL)

    # Then they land on the catalog, signed in, with both micro-credentials listed
    expect(page).to_have_url(f"{base}/")
    expect(page.get_by_role("status")).to_contain_text("Welcome to Bitewise")
    expect_signed_in(page)
    catalog = page.get_by_role("main")
    expect(catalog.get_by_role("link", name="Hand hygiene essentials")).to_be_visible()
    expect(catalog.get_by_role("link", name="Safe medication handovers")).to_be_visible()
    snap(page, "01-catalog")
    check_accessible(page, "catalog")
    check_fits_phone(page, "catalog")

    # When they narrow the catalog to one skill and level
    page.get_by_label("Skill").select_option(label="Infection control")
    page.get_by_label("Level").select_option(label="Foundation")
    page.get_by_role("button", name="Show results").tap()

    # Then only the matching micro-credential is left
    expect(page).to_have_url(re.compile(r"skill=infection-control.*level=foundation"))
    expect(page.get_by_text("1 micro-credential", exact=True)).to_be_visible()
    expect(catalog.get_by_role("link", name="Hand hygiene essentials")).to_be_visible()
    expect(catalog.get_by_role("link", name="Safe medication handovers")).to_have_count(0)
    snap(page, "02-catalog-filtered")

    # When they open it and subscribe
    catalog.get_by_role("link", name="Hand hygiene essentials").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(mc.title)
    check_fits_phone(page, "micro-credential page")
    page.get_by_role("button", name="Subscribe").tap()

    # Then the first lesson opens, one screen, with its Markdown rendered
    expect(page.get_by_role("heading", level=1)).to_have_text("Why clean hands matter")
    expect(page.get_by_text("Lesson 1 of 3")).to_be_visible()
    body = page.locator(".lesson-body")
    expect(body.locator("strong")).to_have_text("on hands")
    expect(body.locator("li")).to_have_count(2)
    snap(page, "03-lesson-text")
    check_fits_phone(page, "text lesson")
    page.get_by_role("button", name="Done, next lesson").tap()

    # And the audio lesson plays only its clip of the longer recording
    expect(page.get_by_role("heading", level=1)).to_have_text("The five moments, in brief")
    expect(page.get_by_text("Lesson 2 of 3")).to_be_visible()
    audio = page.locator(".player audio")
    expect(audio).to_have_attribute("src", re.compile(rf"\.wav#t={CLIP_START},{CLIP_END}$"))
    expect(audio).to_have_attribute("data-start", str(CLIP_START))
    expect(audio).to_have_attribute("data-end", str(CLIP_END))
    clip_url = audio.evaluate("(a) => a.src").split("#", 1)[0]
    recording = page.request.get(clip_url, headers={"Range": "bytes=0-3"})
    assert recording.status == 206 and recording.body() == b"RIFF"
    page.wait_for_function(
        "() => { const a = document.querySelector('.player audio');"
        f" return a.readyState >= 1 && a.currentTime >= {CLIP_START}; }}"
    )
    clip_note = f"Plays 0:{CLIP_START:02d}\u20130:{CLIP_END:02d} of the recording."
    expect(page.get_by_text(clip_note)).to_be_visible()
    snap(page, "04-lesson-audio")
    check_fits_phone(page, "audio lesson")
    page.get_by_role("button", name="Done, next lesson").tap()

    # When they reach the quiz lesson, its questions wait for the assessment
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your understanding")
    expect(page.get_by_text("questions are part of the assessment")).to_be_visible()
    snap(page, "05-quiz-lesson")
    check_accessible(page, "quiz lesson")
    check_fits_phone(page, "quiz lesson")
    page.get_by_role("button", name="Finish").tap()

    # Then the assessment opens: its rules, and a start button
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assessment: {mc.title}")
    expect(page.get_by_text("Pass mark 50%")).to_be_visible()
    expect(page.get_by_text("Right answers shown once you submit")).to_be_visible()
    page.get_by_role("button", name="Start the assessment").tap()

    # And answers are saved without saying whether they are right
    expect(page.get_by_role("heading", level=1)).to_have_text("Attempt 1")
    single = answer_question(
        page, "How long should a hand rub take?", ["20 to 30 seconds"], "Save answer"
    )
    expect(single.get_by_text("Saved")).to_be_visible()
    multiple = answer_question(
        page,
        "Which are among the five moments?",
        ["Before touching a patient", "Before writing notes"],
        "Save answer",
    )
    expect(multiple.get_by_text("Saved")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Long enough to cover all surfaces")
    expect(page.locator("main")).not_to_contain_text("(correct)")
    snap(page, "06-attempt-answered")
    check_accessible(page, "attempt")
    check_fits_phone(page, "attempt")
    page.get_by_role("button", name="Submit attempt 1").tap()

    # Then, at 50% against a 50% pass mark, the badge is earned, ready to share
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You earned {mc.title}")
    expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_be_visible()
    snap(page, "07-earned")
    page.get_by_role("link", name=f"← {mc.title}").tap()

    # And the micro-credential's page says so
    expect(page.get_by_role("heading", level=1)).to_have_text(mc.title)
    expect(page.locator("main .badge-earned", has_text="Earned on")).to_contain_text("score 50%")
    expect(page.locator(".steps .badge-earned", has_text="Done")).to_have_count(3)
    snap(page, "07b-micro-credential-earned")
    check_fits_phone(page, "micro-credential page, earned")
    open_menu(page)
    page.get_by_role("link", name="My progress").tap()
    row = page.locator("article.card", has_text=mc.title)
    expect(row).to_contain_text("Earned")
    expect(row).to_contain_text("3 of 3 lessons")
    snap(page, "08-progress")
    check_accessible(page, "progress")
    check_fits_phone(page, "progress")

    # When they unsubscribe
    row.get_by_role("link", name=mc.title).tap()
    page.get_by_role("button", name="Unsubscribe").tap()

    # Then their progress is kept and shown as unsubscribed
    expect(page.get_by_role("status").first).to_contain_text("Your progress is kept")
    expect(page.get_by_role("button", name="Resubscribe and resume")).to_be_visible()
    expect(page.locator(".steps .badge-earned", has_text="Done")).to_have_count(3)
    open_menu(page)
    page.get_by_role("link", name="My progress").tap()
    row = page.locator("article.card", has_text=mc.title)
    expect(row).to_contain_text("Unsubscribed")
    expect(row).to_contain_text("progress kept")
    expect(row).to_contain_text("3 of 3 lessons")
    expect(row).to_contain_text("Earned")
    snap(page, "09-progress-unsubscribed")

    # When they come back and resubscribe
    row.get_by_role("link", name=mc.title).tap()
    page.get_by_role("button", name="Resubscribe and resume").tap()

    # Then they resume where they were: subscribed, everything still done
    expect(page.get_by_role("status").first).to_contain_text(f"Subscribed to {mc.title}")
    expect(page.get_by_role("button", name="Unsubscribe")).to_be_visible()
    expect(page.get_by_text("3 of 3 lessons done")).to_be_visible()
    expect(page.locator(".steps .badge-earned", has_text="Done")).to_have_count(3)
    open_menu(page)
    page.get_by_role("link", name="My progress").tap()
    row = page.locator("article.card", has_text=mc.title)
    expect(row).not_to_contain_text("Unsubscribed")
    expect(row).to_contain_text("3 of 3 lessons")

    # And the award and its event were recorded exactly once
    learner = User.objects.get(email=EMAIL)
    awards = Award.objects.filter(learner=learner, micro_credential=mc)
    assert awards.count() == 1
    assert awards.get().score == 50
    events = DomainEvent.objects.filter(
        name=CREDENTIAL_EARNED, payload__learner_id=learner.pk, payload__achievement_id=mc.pk
    )
    assert events.count() == 1
    assert events.get().key == f"{CREDENTIAL_EARNED}:award:{awards.get().pk}"
    assert not Award.objects.filter(micro_credential=seeded_catalog.handover).exists()
