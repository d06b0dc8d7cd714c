"""Insight in a real browser: a staff member reads the retention curve, the lift report,
a funnel and the question analysis on a phone and on a desktop (axe clean, no sideways
scrolling on the phone, charts with their tables and text a phone can read); a learner
answers a retention check in Today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import Role, User
from bitewise.insight.models import RetentionCheck
from bitewise.insight.services.rollups import rollups_refresh_due
from bitewise.insight.tests.factories import make_check
from bitewise.insight.tests.world import build_world
from bitewise.testing import PASSWORD, correct_choice_ids, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]
# Rendered height of the smallest chart label: the charts draw 12-13 px text, and on a
# phone a 640-wide drawing squeezed into the screen showed it at about 7 px.
MIN_CHART_TEXT_PX = 11
CHART_TEXT_HEIGHTS = """() => Array.from(document.querySelectorAll('svg.chart text'))
    .map((text) => text.getBoundingClientRect().height)"""


def assert_charts_readable(page: Page, label: str) -> None:
    """The page draws charts, and none of their text renders under MIN_CHART_TEXT_PX."""
    heights: list[float] = page.evaluate(CHART_TEXT_HEIGHTS)
    assert heights, f"no chart on {label}"
    assert min(heights) >= MIN_CHART_TEXT_PX, (
        f"chart text on {label} renders {min(heights):.1f}px tall"
    )


def log_in(page: Page, base: str, user: User, then: str) -> None:
    page.goto(f"{base}/accounts/login/?next={then}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _tour(
    page: Page,
    base: str,
    label: str,
    snap: PageCheck,
    check_accessible: PageCheck,
    event_id: int,
    micro_credential_id: int,
) -> None:
    page.goto(f"{base}/staff/insight/")
    expect(page.get_by_role("heading", name="Insight: what learners still know")).to_be_visible()
    expect(page.get_by_role("img", name="Retention curve")).to_be_visible()
    check_accessible(page, f"Insight overview ({label})")
    assert_charts_readable(page, f"Insight overview ({label})")
    snap(page, f"insight-overview-{label}")

    page.goto(f"{base}/staff/insight/retention/")
    expect(
        page.get_by_role("img", name="Calibration: predicted vs observed recall")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Predicted recall against observed, by predicted band")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Recall over time per event", exact=False)).to_be_visible()
    expect(page.get_by_role("table", name="Observed recall per event", exact=False)).to_be_visible()
    check_accessible(page, f"Insight retention ({label})")
    assert_charts_readable(page, f"Insight retention ({label})")
    snap(page, f"insight-retention-{label}")

    page.goto(f"{base}/staff/insight/lift/{event_id}/")
    expect(page.get_by_test_id("verdict")).to_contain_text("Too small to tell")
    check_accessible(page, f"Insight lift ({label})")
    snap(page, f"insight-lift-{label}")

    page.goto(f"{base}/staff/insight/funnel/")
    page.get_by_label("Micro-credential or pathway").select_option(f"mc-{micro_credential_id}")
    page.get_by_role("button", name="Show funnel").click()
    expect(page.get_by_role("img", name="Funnel: Safe Handoffs (all time)")).to_be_visible()
    check_accessible(page, f"Insight funnel ({label})")
    assert_charts_readable(page, f"Insight funnel ({label})")
    snap(page, f"insight-funnel-{label}")

    page.goto(f"{base}/staff/insight/items/")
    expect(
        page.get_by_role("table", name="Every question, questions that look broken first")
    ).to_be_visible()
    check_accessible(page, f"Insight questions ({label})")

    for path in ("credentials/", "ce/"):
        page.goto(f"{base}/staff/insight/{path}")
        check_accessible(page, f"Insight {path} ({label})")
        assert_charts_readable(page, f"Insight {path} ({label})")


def test_staff_read_the_dashboards_on_a_phone(
    live_server: Any,
    phone_page: Page,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    world = build_world(learners=12)
    rollups_refresh_due()
    staff = make_user(role=Role.AUTHOR)
    page, base = phone_page, live_server.url
    log_in(page, base, staff, "/staff/insight/")
    _tour(page, base, "phone", snap, check_accessible, world.event.pk, world.micro_credential.pk)
    for path in ("", "retention/", f"lift/{world.event.pk}/", "items/"):
        page.goto(f"{base}/staff/insight/{path}")
        check_fits_phone(page, f"Insight {path or 'overview'}")


def test_staff_read_the_dashboards_on_a_desktop(
    live_server: Any, browser: Browser, snap: PageCheck, check_accessible: PageCheck
) -> None:
    world = build_world(learners=12)
    rollups_refresh_due()
    staff = make_user(role=Role.AUTHOR)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    page, base = context.new_page(), live_server.url
    try:
        log_in(page, base, staff, "/staff/insight/")
        _tour(
            page, base, "desktop", snap, check_accessible, world.event.pk, world.micro_credential.pk
        )
    finally:
        context.close()


def test_a_learner_answers_a_retention_check_in_today(
    live_server: Any, phone_page: Page, snap: PageCheck, check_accessible: PageCheck
) -> None:
    learner = make_user(email="mina@example.org")
    now = timezone.now()
    check = make_check(learner, learned_at=now - timedelta(days=8), due_at=now - timedelta(hours=1))
    page, base = phone_page, live_server.url
    log_in(page, base, learner, "/today/")
    section = page.get_by_role("region", name="Do you still remember?")
    expect(section).to_be_visible()
    check_accessible(page, "Today with a retention check")
    snap(page, "insight-today-check")
    right = correct_choice_ids(check.question)[0]
    section.locator(f"input[value='{right}']").check()
    section.get_by_role("button", name="Answer check").tap()
    expect(page.get_by_role("status").first).to_contain_text("You still know it.")
    assert RetentionCheck.objects.get(pk=check.pk).is_correct is True
