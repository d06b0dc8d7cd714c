"""Real-browser fixtures: Debian's Chromium driven by Playwright, a phone-sized page,
axe-core accessibility checks, phone-layout checks and screenshots.

Playwright's own browser download does not work here, so the system Chromium is used
(``BITEWISE_CHROMIUM`` overrides its path). axe-core comes from npm (``npm ci`` in this
folder). Playwright's sync API runs an event loop in the test thread, so Django's
async-safety guard is relaxed for these tests only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test.testcases import _MediaFilesHandler
from playwright.sync_api import Browser, Page, expect

# Playwright's sync API keeps an event loop running in the test thread; without this,
# Django refuses ORM calls made from it (fixtures, the final database assertions).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
AXE_JS = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = E2E_DIR / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")
MIN_TAP_PX = 44
WIDE_PX = 760  # from this width on, site.css shows the main links without a "Menu" button
# Controls a thumb has to hit. Links inside running text are exempt (WCAG 2.5.8).
TAP_TARGETS = (
    "button, .button, select, input:not([type=hidden]):not([type=radio]):not([type=checkbox]),"
    " label.choice, .check label, summary, .top nav a, .brand, .back, .steps a, .nav-row a,"
    " .pager a, .card h2 > a, .card h3 > a"
)


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A fresh, cookie-less page the size of a common phone, with touch."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def media_root(tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uploaded media lives in a throwaway folder, served by the app's own media view
    (which answers HTTP Range requests, so players can seek) rather than by the live
    server's built-in media handler (which cannot)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    return root


def expect_signed_in(page: Page) -> None:
    """Wait for a signed-in page to load, its scripts run. On a phone its "Log out" button
    is in the folded menu: there, but hidden."""
    expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_be_attached()
    page.wait_for_load_state("load")


def open_menu(page: Page) -> None:
    """Show the main links. On a phone they fold behind the "Menu" button (nav.js): open it;
    a wide screen shows them already."""
    if (page.viewport_size or {"width": 1280})["width"] >= WIDE_PX:
        return
    menu = page.get_by_role("button", name="Menu", exact=True)
    expect(menu).to_be_visible()
    if menu.get_attribute("aria-expanded") != "true":
        menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under tests/e2e/screenshots/ (gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:240]}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every axe-core violation on the page as it stands now."""
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS}; run `cd tests/e2e && npm ci`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> tag with axe's source would be
        # inline script, which the site's Content-Security-Policy rightly blocks.
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations: list[dict[str, Any]] = json.loads(result)["violations"]
    return violations


def assert_accessible(page: Page, label: str) -> None:
    """No serious or critical axe-core violations; lesser ones are printed."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if minor:
        print(f"\naxe ({label}, not blocking):\n{_describe(minor)}")
    assert not blocking, f"axe found serious/critical problems on {label}:\n{_describe(blocking)}"


def assert_fits_phone(page: Page, label: str) -> None:
    """No sideways scrolling, and every control is at least 44x44 CSS pixels."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{label} scrolls sideways by {overflow}px on a phone"
    small = page.evaluate(
        """([selector, min]) => Array.from(document.querySelectorAll(selector))
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => ({el, box: el.getBoundingClientRect()}))
            .filter(({box}) => box.width < min || box.height < min)
            .map(({el, box}) => `${el.outerHTML.slice(0, 90)} is ${Math.round(box.width)}x`
                                + `${Math.round(box.height)}px`)""",
        [TAP_TARGETS, MIN_TAP_PX],
    )
    assert not small, f"tap targets under {MIN_TAP_PX}px on {label}:\n" + "\n".join(small)


PageCheck = Callable[[Page, str], Any]


@pytest.fixture
def snap() -> PageCheck:
    """``snap(page, name)`` saves a full-page screenshot."""
    return screenshot


@pytest.fixture
def check_accessible() -> PageCheck:
    """``check_accessible(page, label)`` fails on serious or critical axe violations."""
    return assert_accessible


@pytest.fixture
def check_fits_phone() -> PageCheck:
    """``check_fits_phone(page, label)`` fails on sideways scrolling or small tap targets."""
    return assert_fits_phone
