"""Every page works under the Content-Security-Policy, for every role, with no violation
reported; /api/docs renders its operations with nothing but this site reachable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from bitewise.accounts.models import User
from bitewise.testing import PASSWORD
from tests.e2e.conftest import expect_signed_in, screenshot
from tests.e2e.world import World, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Recorded in the page itself: the browser's own report of each blocked load or script.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
                           + ` at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Watch:
    """A browser context that records CSP violations, console errors, page errors and any
    request to another origin (which it refuses: the site must work offline)."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.base = base
        self.problems: list[str] = []
        self.off_origin: list[str] = []
        self.context: BrowserContext = browser.new_context(viewport={"width": 390, "height": 844})
        self.context.set_default_timeout(10_000)
        self.context.add_init_script(LISTEN)
        self.context.route("**/*", self._only_this_site)
        self.page: Page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _only_this_site(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == urlsplit(self.base).netloc or url.startswith("data:"):
            route.continue_()
        else:
            self.off_origin.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def log_in(self, user: User) -> None:
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.get_by_label("Email").fill(user.email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        expect_signed_in(self.page)

    def visit(self, path: str) -> None:
        response = self.page.goto(f"{self.base}{path}")
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.page.wait_for_load_state("load")
        self.collect(path)

    def collect(self, where: str) -> None:
        for violation in self.page.evaluate("window.__violations || []"):
            self.problems.append(f"{where}: {violation}")
        self.page.evaluate("window.__violations = []")

    def assert_clean(self) -> None:
        assert not self.problems, "\n".join(self.problems)
        assert not self.off_origin, self.off_origin


@pytest.fixture
def world(media_root: Path) -> World:
    return build_world(media_root, lambda field: f"Plain {field}")


@pytest.fixture
def watch(browser: Browser, live_server: Any) -> Iterator[Watch]:
    watching = Watch(browser, live_server.url)
    yield watching
    watching.context.close()


def test_every_page_works_under_the_policy_for_every_role(world: World, watch: Watch) -> None:
    for path in world.public_pages():
        watch.visit(path)

    watch.log_in(world.learner)
    for path in world.learner_pages():
        watch.visit(path)
    # the progress bars are <progress> elements now, not inline-styled spans
    for path, name in (
        (f"/m/{world.micro_credential.slug}/", "csp-micro-credential"),
        ("/me/progress/", "csp-progress"),
        ("/me/retention/", "csp-retention"),
    ):
        watch.visit(path)
        screenshot(watch.page, name)
    # the scripts moved out of the pages still run: the lesson clip, the search box
    watch.visit(f"/m/{world.micro_credential.slug}/lessons/{world.media_lesson.pk}/")
    watch.page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    box = watch.page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill("handover")
    expect(watch.page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    watch.collect("search suggestions")
    watch.visit(f"/webinars/{world.webinar.pk}/")
    watch.page.wait_for_function("() => document.getElementById('recording').readyState >= 1")
    watch.collect("webinar recording")

    watch.context.clear_cookies()
    watch.log_in(world.admin)
    for path in world.staff_pages():
        watch.visit(path)
    timeline = watch.page.goto(f"{watch.base}/staff/repurpose/{world.job.pk}/")
    assert timeline is not None
    grows = watch.page.locator(".timeline li").evaluate_all(
        "(blocks) => blocks.map((b) => b.style.flexGrow)"
    )
    assert grows and all(grow for grow in grows)  # widths set by the static script
    screenshot(watch.page, "csp-repurpose-timeline")

    watch.assert_clean()


def test_the_api_docs_render_their_operations_with_no_other_site_reachable(
    watch: Watch,
) -> None:
    watch.visit("/api/docs")

    expect(watch.page.locator(".opblock").first).to_be_visible()
    expect(watch.page.get_by_text("/api/catalog", exact=True).first).to_be_visible()
    assert watch.page.locator(".opblock").count() > 20
    watch.collect("/api/docs")
    watch.assert_clean()
