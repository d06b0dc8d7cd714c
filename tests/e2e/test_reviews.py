"""Spaced retrieval in a real browser on a phone: the 5-minute review on Today with
feedback, a refused vacation hold and a saved one, and retention per skill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bitewise.accounts.models import User
from bitewise.reviews.models import ReviewLog, ReviewPreferences
from bitewise.reviews.tests.factories import answer, make_quiz_question
from bitewise.testing import PASSWORD, make_skill, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


def log_in(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/accounts/login/?next=/today/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()


def test_a_learner_reviews_due_cards_sets_a_hold_and_sees_retention(
    live_server: Any,
    phone_page: Page,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    learner = make_user(email="noor@example.org")
    skill = make_skill("Wound care")
    old = make_quiz_question(skill=skill)
    older = make_quiz_question(skill=skill)
    answer(learner, old, at=timezone.now() - timedelta(days=12))
    answer(learner, older, is_correct=False, at=timezone.now() - timedelta(days=30))

    log_in(page, base, learner)
    review = page.get_by_role("region", name="5-minute review")
    expect(review.get_by_test_id("left-today")).to_have_text("2")
    expect(review.get_by_role("group", name=older.prompt)).to_be_visible()  # least recalled first
    snap(page, "reviews-today")
    check_accessible(page, "Today")
    check_fits_phone(page, "Today")

    review.get_by_label("Choice 0").tap()
    review.get_by_role("button", name="Check answer").tap()
    expect(review.get_by_role("status")).to_contain_text("Correct.")
    expect(review.get_by_role("status")).to_contain_text("Because 0.")
    expect(review.get_by_test_id("left-today")).to_have_text("1")
    check_accessible(page, "Today, feedback")
    review.get_by_role("link", name="Next card").tap()
    expect(review.get_by_role("group", name=old.prompt)).to_be_visible()
    review.get_by_label("Choice 1").tap()
    review.get_by_role("button", name="Check answer").tap()
    expect(review.get_by_role("status")).to_contain_text("Not quite.")
    expect(review).to_contain_text("That's all for today")
    assert ReviewLog.objects.filter(learner=learner).count() == 2

    settings_form = page.get_by_role("region", name="Review settings")
    today = timezone.localdate()
    settings_form.get_by_label("Hold from").fill((today + timedelta(days=5)).isoformat())
    settings_form.get_by_label("Hold until (inclusive)").fill(today.isoformat())
    settings_form.get_by_role("button", name="Save").tap()
    expect(page.get_by_role("alert").first).to_contain_text("on or after")
    assert not ReviewPreferences.objects.exists()
    snap(page, "reviews-hold-refused")

    settings_form = page.get_by_role("region", name="Review settings")
    settings_form.get_by_label("Hold from").fill(today.isoformat())
    settings_form.get_by_label("Hold until (inclusive)").fill(
        (today + timedelta(days=6)).isoformat()
    )
    settings_form.get_by_label("Email me a daily digest when reviews are due").check()
    settings_form.get_by_role("button", name="Save").tap()
    expect(page.get_by_text("Review settings saved.")).to_be_visible()
    expect(page.get_by_role("region", name="5-minute review")).to_contain_text("vacation hold")
    check_accessible(page, "Today, on hold")
    check_fits_phone(page, "Today, on hold")

    page.get_by_role("link", name="How much you remember, per skill →").tap()
    expect(page.get_by_role("row", name="Wound care")).to_contain_text("2")
    snap(page, "reviews-retention")
    check_accessible(page, "Retention")
    check_fits_phone(page, "Retention")
