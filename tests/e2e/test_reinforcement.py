"""Event campaigns in a real browser on a phone: a learner registers for an event and picks
topics, a campaign email arrives over real SMTP and its unsubscribe link works in the
browser without logging in, and staff import registrations from a CSV with bad rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import TestCase
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role, User
from bitewise.accounts.tests.test_smtp import Inbox
from bitewise.accounts.tests.test_smtp import smtp_inbox as smtp_inbox
from bitewise.reinforcement.models import (
    Delivery,
    DeliveryState,
    EventRegistration,
    TopicFollow,
    Unsubscribe,
)
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.tests.factories import make_campaign, make_event, register
from bitewise.testing import PASSWORD, make_skill, make_user
from tests.e2e.conftest import expect_signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


@pytest.fixture
def look(snap: PageCheck, check_accessible: PageCheck, check_fits_phone: PageCheck) -> Any:
    problems: list[str] = []

    def check(page: Page, name: str) -> None:
        path = snap(page, name)
        for each in (check_accessible, check_fits_phone):
            try:
                each(page, name)
            except AssertionError as exc:
                problems.append(f"{name} ({page.url}, {path}):\n{exc}")

    check.problems = problems  # type: ignore[attr-defined]
    return check


def log_in(page: Page, base: str, user: User) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect_signed_in(page)


def test_a_learner_registers_for_an_event_and_follows_topics(
    live_server: Any, phone_page: Page, look: Any
) -> None:
    page, base = phone_page, live_server.url
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=20), title="Nursing congress")
    make_skill("Triage")
    learner = make_user(email="nurse@example.org")
    log_in(page, base, learner)

    page.goto(f"{base}/events/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing congress")
    look(page, "reinforcement-01-event")
    page.get_by_role("button", name="Get lessons for this event").tap()
    expect(page.get_by_role("button", name="Leave this event")).to_be_visible()
    assert EventRegistration.objects.filter(event=event, learner=learner).exists()

    page.goto(f"{base}/me/topics/")
    page.get_by_label("Triage").check()
    page.get_by_role("button", name="Save topics").tap()
    expect(page.get_by_label("Triage")).to_be_checked()
    look(page, "reinforcement-02-topics")
    assert TopicFollow.objects.filter(learner=learner, skill__name="Triage").exists()
    assert not look.problems, "\n\n".join(look.problems)


def test_the_emailed_unsubscribe_link_works_in_the_browser_without_a_login(
    live_server: Any, phone_page: Page, look: Any, smtp_inbox: Inbox, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    start = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    event = make_event(starts_at=start)
    campaign = make_campaign(event, offsets=[-1, 1])
    learner = make_user(email="member@example.org")
    register(event, learner, at=start - timedelta(days=30))
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliveries_plan_due(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC))
        deliveries_plan_due(now=datetime(2026, 3, 8, 9, 0, tzinfo=UTC))
    [(_, message)] = smtp_inbox.messages
    html = next(p for p in message.walk() if p.get_content_type() == "text/html")
    link = re.search(
        r'href="([^"]+)">Stop emails for this event', html.get_payload(decode=True).decode()
    )
    assert link

    phone_page.goto(link.group(1))
    look(phone_page, "reinforcement-03-unsubscribe")
    phone_page.get_by_role("button", name="Unsubscribe").tap()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    look(phone_page, "reinforcement-04-unsubscribed")

    assert Unsubscribe.objects.filter(learner=learner, campaign=campaign).exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliveries_plan_due(now=datetime(2026, 3, 10, 8, 30, tzinfo=UTC))
        deliveries_plan_due(now=datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    assert len(smtp_inbox.messages) == 1
    assert Delivery.objects.get(step__offset_days=1).state == DeliveryState.SKIPPED
    assert not look.problems, "\n\n".join(look.problems)


def test_an_admin_imports_a_csv_and_sees_the_bad_rows(
    live_server: Any, phone_page: Page, look: Any, tmp_path: Path
) -> None:
    page, base = phone_page, live_server.url
    make_event(starts_at=datetime.now(UTC) + timedelta(days=20), title="Audit summit")
    make_user(email="ana@example.org")
    log_in(page, base, make_user(role=Role.ADMIN))  # registering people is for admins
    csv_file = tmp_path / "members.csv"
    csv_file.write_text("email\nana@example.org\nnot-an-address\nstranger@example.org\n")

    page.goto(f"{base}/staff/reinforcement/")
    expect(page.get_by_role("link", name="Audit summit")).to_be_visible()
    look(page, "reinforcement-05-staff-events")
    page.get_by_role("link", name="Audit summit").tap()
    page.get_by_label("CSV of email addresses").set_input_files(str(csv_file))
    page.get_by_role("button", name="Import CSV").tap()

    report = page.get_by_role("region", name="CSV import")
    expect(report).to_contain_text("1 registered")
    expect(report).to_contain_text("Not an email address.")
    expect(report).to_contain_text("No active Bitewise account uses it.")
    look(page, "reinforcement-06-staff-import")
    assert list(EventRegistration.objects.values_list("learner__email", flat=True)) == [
        "ana@example.org"
    ]
    assert not look.problems, "\n\n".join(look.problems)
