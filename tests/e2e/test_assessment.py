"""A learner on a phone fails a credit-bearing assessment, sees why and when they may
retake it, retakes it after the cooling-off period, passes, and gets a badge worth
sharing on the page and by email."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.catalog.models import Choice, Lesson, LessonKind, MicroCredential, Question
from bitewise.catalog.services import (
    lesson_save,
    micro_credential_publish,
    micro_credential_save,
    micro_credential_set_lessons,
    question_save,
)
from bitewise.credentials.models import IssuedCredential
from bitewise.learning.models import Attempt, Award
from bitewise.testing import PASSWORD, make_user
from tests.e2e.conftest import expect_signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]
EMAIL = "ria.santos@example.org"
QUESTIONS = [
    ("Which score triggers a call to the rapid response team?", "NEWS2 of 7", "NEWS2 of 2"),
    ("What comes first in SBAR?", "Situation", "Recommendation"),
    ("Who may escalate a concern?", "Any member of the team", "Only the charge nurse"),
    ("When is a repeat set of vitals due after escalation?", "Within 30 minutes", "Next shift"),
]


def seed() -> MicroCredential:
    """A CE-bearing micro-credential: one reading, a pool of four questions drawn two per
    attempt, a 100% pass mark, three attempts an hour apart."""
    reading = lesson_save(
        lesson=Lesson(title="Recognising deterioration", minutes=3, body_markdown="Read on.")
    )
    quiz = lesson_save(lesson=Lesson(title="Deterioration check", kind=LessonKind.QUIZ, minutes=2))
    for position, (prompt, right, wrong) in enumerate(QUESTIONS):
        question_save(
            question=Question(lesson=quiz, prompt=prompt, position=position),
            choices=[
                {"text": wrong, "explanation": "Not this one."},
                {"text": right, "is_correct": True, "explanation": f"Yes: {right}."},
            ],
        )
    mc = micro_credential_save(
        micro_credential=MicroCredential(
            title="Spotting early deterioration",
            ce_credits=Decimal("1.0"),
            ce_credit_type="CNE",
            pass_percent=100,
            max_attempts=3,
            cooling_off_hours=1,
            questions_per_attempt=2,
        )
    )
    micro_credential_set_lessons(micro_credential=mc, lesson_ids=[reading.pk, quiz.pk])
    return micro_credential_publish(micro_credential=mc, by=None)


def answer_every_question(page: Page, number: int, *, correctly: bool) -> None:
    """Answer the two questions of attempt ``number``, right or wrong, saving each."""
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Attempt {number}")
    expect(page.locator("section.question")).to_have_count(2)
    for section in page.locator("section.question").all():
        prompt = section.locator("legend").inner_text().split(". ", 1)[1]
        question = Question.objects.get(prompt=prompt)
        choice = Choice.objects.filter(question=question, is_correct=correctly).first()
        assert choice is not None
        section.get_by_label(choice.text, exact=True).check()
        section.get_by_role("button", name="Save answer").tap()
        expect(
            page.locator("section.question", has_text=prompt).get_by_text("Saved")
        ).to_be_visible()


def test_a_learner_fails_sees_why_retakes_after_cooling_off_passes_and_shares(
    live_server: Any,
    phone_page: Page,
    smtp_inbox: Inbox,  # noqa: F811
    settings: Any,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    settings.SITE_URL = base
    mc = seed()
    make_user(email=EMAIL)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)

    # Given a signed-in learner subscribed to the micro-credential, lessons read
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect_signed_in(page)
    page.goto(f"{base}/m/{mc.slug}/")
    page.get_by_role("button", name="Subscribe").tap()
    for _ in range(2):
        page.get_by_role("button", name=re.compile("Done, next lesson|Finish")).tap()

    # When they start the assessment and answer both drawn questions wrongly
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assessment: {mc.title}")
    expect(page.get_by_text("2 questions, drawn from 4")).to_be_visible()
    page.get_by_role("button", name="Start the assessment").tap()
    answer_every_question(page, 1, correctly=False)
    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    snap(page, "assessment-00-attempt")
    page.get_by_role("button", name="Submit attempt 1").tap()

    # Then they see their score, the pass mark, and when they may retake it
    expect(page.get_by_role("heading", level=1)).to_have_text("Attempt 1: 0%")
    failed = Attempt.objects.get()
    assert failed.submitted_at is not None
    retake_at = timezone.localtime(failed.submitted_at + timedelta(hours=1))
    result = page.locator(".result.fail")
    expect(result).to_contain_text("Not passed yet.")
    expect(result).to_contain_text("scored 0% (0 of 2 right); the pass mark is 100%")
    expect(result).to_contain_text(f"retake it from {retake_at:%-d %b %Y, %H:%M}")
    expect(result).to_contain_text("with 2 attempts left")
    expect(page.locator(".feedback", has_text="You chose:")).to_have_count(2)
    expect(page.get_by_role("button", name=re.compile("Retake"))).to_have_count(0)
    # and, now that the attempt is in, what the right answers were
    expect(page.locator(".feedback").first).to_contain_text("(correct)")
    snap(page, "assessment-01-failed")
    check_accessible(page, "failed attempt")
    check_fits_phone(page, "failed attempt")

    # And the micro-credential page does not pretend otherwise
    page.get_by_role("link", name=f"← Assessment: {mc.title}").tap()
    page.get_by_role("link", name=f"← {mc.title}").tap()
    expect(page.get_by_role("progressbar")).not_to_have_attribute("aria-valuenow", "100")
    expect(page.locator(".result.fail")).to_contain_text("the pass mark is 100%")
    expect(page.get_by_role("link", name="Continue")).to_have_count(0)
    snap(page, "assessment-02-course-not-passed")
    check_fits_phone(page, "micro-credential page, not passed")

    # When the cooling-off hour has passed
    with time_machine.travel(retake_at + timedelta(minutes=1), tick=True):
        page.reload()
        expect(page.locator(".result.fail")).to_contain_text(
            "You can retake it now: 2 attempts left."
        )
        snap(page, "assessment-03-retake-open")
        page.get_by_role("button", name="Retake: start attempt 2").tap()

        # Then attempt 2 draws the two questions not shown before, and they pass it
        answer_every_question(page, 2, correctly=True)
        second = Attempt.objects.get(number=2)
        assert set(second.question_ids).isdisjoint(failed.question_ids)
        page.get_by_role("button", name="Submit attempt 2").tap()

        # And the moment is worth sharing: the badge, LinkedIn, a link to copy, downloads
        expect(page.get_by_role("heading", level=1)).to_have_text(f"You earned {mc.title}")
        page.wait_for_function(
            "() => { const i = document.querySelector('.badge-image');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        credential = IssuedCredential.objects.get(award__learner__email=EMAIL)
        link = f"{base}/credentials/{credential.pk}"
        expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_have_attribute(
            "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?")
        )
        expect(page.get_by_label("Link to your badge")).to_have_value(link)
        page.get_by_role("button", name="Copy link").tap()
        expect(page.get_by_text("Link copied.")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == link
        download = page.get_by_role("link", name="Download the badge (PNG)")
        expect(download).to_have_attribute("href", f"/credentials/{credential.pk}.png")
        expect(page.get_by_text("1 CNE credit is now on your")).to_be_visible()
        snap(page, "assessment-04-earned")
        check_accessible(page, "earned")
        check_fits_phone(page, "earned")

    # And one email arrived with the badge link
    award = Award.objects.get(learner__email=EMAIL)
    assert award.score == 100
    [(recipients, message)] = smtp_inbox.messages
    assert recipients == [EMAIL]
    assert message["Subject"] == f"Your badge: {mc.title}"
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    assert link in text.get_payload(decode=True).decode()
