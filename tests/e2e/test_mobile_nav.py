"""The main navigation on a 390 px phone, for every role: folded behind a "Menu" disclosure
button that a keyboard opens and Escape closes, and once open every link whole, inside the
screen and thumb-sized; the pages pass axe. Without script the links wrap, none cut off."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import Role
from bitewise.accounts.services import user_create
from bitewise.testing import PASSWORD
from tests.e2e.conftest import MIN_TAP_PX, PageCheck, expect_signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# Each nav link or button that is not whole inside the screen, is covered by something else
# at its centre, cuts its own text, or is smaller than a thumb.
PROBLEMS = """([min]) => {
  const width = document.documentElement.clientWidth;
  const height = window.innerHeight;
  const found = [];
  for (const el of document.querySelectorAll("header.top nav a, header.top nav button")) {
    const box = el.getBoundingClientRect();
    const name = el.textContent.trim();
    if (box.left < 0 || box.right > width || box.top < 0 || box.bottom > height)
      found.push(`${name} lies outside the screen: ${JSON.stringify(box)}`);
    if (box.width < min || box.height < min)
      found.push(`${name} is ${Math.round(box.width)}x${Math.round(box.height)}px`);
    if (el.scrollWidth > el.clientWidth + 1) found.push(`${name} cuts its text`);
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !el.contains(hit)) found.push(`${name} is covered at its centre`);
  }
  return found;
}"""

ANONYMOUS = ["Log in", "Catalog", "Webinars", "Events", "Sign up"]
SIGNED_IN = [
    "Today",
    "Catalog",
    "Webinars",
    "Events",
    "My progress",
    "My badges",
    "My topics",
    "CE credit",
    "Membership",
]


def _log_in(page: Page, base: str, role: str) -> None:
    user = user_create(email=f"{role}@example.org", password=PASSWORD, role=role)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect_signed_in(page)


@pytest.mark.parametrize(
    ("role", "links", "staff"),
    [
        (None, ANONYMOUS, False),
        (Role.LEARNER, SIGNED_IN, False),
        (Role.AUTHOR, [*SIGNED_IN, "Staff"], True),
        (Role.ADMIN, [*SIGNED_IN, "Staff"], True),
    ],
)
def test_the_phone_menu_opens_with_every_link_whole_and_on_screen(
    phone_page: Page,
    live_server: Any,
    role: str | None,
    links: list[str],
    staff: bool,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page = phone_page
    if role:
        _log_in(page, live_server.url, role)
    page.goto(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Main")
    menu = page.get_by_role("button", name="Menu", exact=True)

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "main-nav")
    expect(nav.get_by_role("link", name="Catalog")).to_be_hidden()
    check_accessible(page, f"the catalog, menu closed ({role or 'anonymous'})")
    check_fits_phone(page, f"the catalog, menu closed ({role or 'anonymous'})")

    # By keyboard: focus the button, Enter opens, Tab goes into the links.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    for name in links:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    if role:
        expect(nav.get_by_role("button", name="Log out")).to_be_visible()
    else:
        expect(nav.get_by_role("link", name="Staff")).to_have_count(0)
    if not staff:
        expect(nav.get_by_role("link", name="Staff")).to_have_count(0)
    assert page.evaluate(PROBLEMS, [MIN_TAP_PX]) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('nav')?.id") == "main-nav"
    check_accessible(page, f"the catalog, menu open ({role or 'anonymous'})")
    check_fits_phone(page, f"the catalog, menu open ({role or 'anonymous'})")

    # Escape closes it from inside and hands focus back to the button.
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(nav.get_by_role("link", name="Catalog")).to_be_hidden()

    # A tap opens it again; the page's own link is marked.
    menu.tap()
    expect(nav.get_by_role("link", name="Catalog")).to_have_attribute("aria-current", "page")

    if staff:
        page.goto(f"{live_server.url}/staff/")
        check_accessible(page, f"the staff dashboard ({role})")
        check_fits_phone(page, f"the staff dashboard ({role})")
        page.get_by_role("button", name="Menu").tap()
        staff_link = nav.get_by_role("link", name="Staff")
        expect(staff_link).to_have_attribute("aria-current", "page")
        assert page.evaluate(PROBLEMS, [MIN_TAP_PX]) == []


def test_without_script_the_links_wrap_on_a_phone_none_cut_off(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, live_server.url, Role.ADMIN)
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        nav = page.get_by_role("navigation", name="Main")
        for name in [*SIGNED_IN, "Staff"]:
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        assert page.evaluate(PROBLEMS, [MIN_TAP_PX]) == []
    finally:
        context.close()


def test_on_a_wide_screen_the_links_show_and_the_button_does_not(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        nav = page.get_by_role("navigation", name="Main")
        for name in ANONYMOUS:
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    finally:
        context.close()
