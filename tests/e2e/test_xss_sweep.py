"""XSS sweep: a payload in every user-writable field (and in the rows of uploaded files),
then every page that shows them, as a visitor, a learner and staff. No dialog may open and
no injected element or handler may exist.

The browser ignores the Content-Security-Policy here, so a hole in escaping or sanitizing
shows even though the policy would block the script: each layer is checked on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import User
from bitewise.testing import PASSWORD
from tests.e2e.conftest import expect_signed_in
from tests.e2e.world import World, build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# {m} names the field, so a payload that fires says where it came from.
PAYLOADS = [
    '<script>alert("{m}")</script>',
    '<img src=x onerror=alert("{m}") data-xss="{m}">',
    '"><svg onload=alert("{m}") data-xss="{m}">',
    '\'><a href="javascript:alert(\'{m}\')" data-xss="{m}">{m}</a>',
    '<iframe srcdoc="<script>parent.alert(1)</script>" data-xss="{m}"></iframe>',
    '<details open ontoggle=alert("{m}") data-xss="{m}">x</details>',
]
# Markdown fields also get links and images that only Markdown would make.
MARKDOWN = (
    '[read more](javascript:alert("{m}")) ![chart](x" onerror="alert(1)) '
    '<a href="JaVaScRiPt:alert(1)">{m}</a> <math><mtext><script>alert(1)</script></mtext></math>'
)
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on") || attr.name === "data-xss" || attr.name === "srcdoc")
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
      if (["href", "src", "action", "formaction"].includes(attr.name)
          && /^\\s*javascript:/i.test(attr.value))
        found.push(`<${el.tagName.toLowerCase()} ${attr.name}=javascript:>`);
    }
  }
  return found;
}"""


class Payloads:
    """``text(field)``: the field's name and one of the payloads, in turn."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        marker = "x" + re.sub(r"\W+", "-", field)
        template = (
            MARKDOWN
            if field in ("markdown", "media lesson body")
            else PAYLOADS[len(self.used) % len(PAYLOADS)]
        )
        value = f"{field} " + template.format(m=marker)
        self.used[field] = value
        return value


class Sweep:
    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.message}")
        dialog.dismiss()

    def log_in(self, user: User) -> None:
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.get_by_label("Email").fill(user.email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        expect_signed_in(self.page)

    def visit(self, path: str) -> None:
        response = self.page.goto(f"{self.base}{path}")
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.check(path)

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        for found in self.page.evaluate(INJECTED):
            self.problems.append(f"{where}: {found}")


@pytest.fixture
def sweep(browser: Browser, live_server: Any) -> Iterator[Sweep]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield Sweep(context.new_page(), live_server.url)
    context.close()


def test_no_payload_runs_or_injects_markup_on_any_page(media_root: Path, sweep: Sweep) -> None:
    payloads = Payloads()
    world: World = build_world(media_root, payloads)
    assert len(payloads.used) >= 30  # every field of the world got one

    for path in world.public_pages():
        sweep.visit(path)
    # the payloads are shown as text, not dropped: escaping, not luck
    sweep.visit(f"/m/{world.micro_credential.slug}/")
    title = payloads.used["micro-credential title"]
    expect(sweep.page.get_by_role("heading", level=1)).to_have_text(title)
    sweep.visit(f"/credentials/{world.credential.pk}")
    expect(sweep.page.get_by_text(payloads.used["display name"])).to_be_visible()

    sweep.log_in(world.learner)
    for path in world.learner_pages():
        sweep.visit(path)
    box = sweep.page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill('"><img src=x onerror=alert("typed")>')
    sweep.page.wait_for_timeout(600)  # the suggestions' fetch and render
    sweep.check("typed search")

    sweep.log_in(world.admin)
    for path in world.staff_pages():
        sweep.visit(path)
    # a name from an uploaded attendance report, shown to staff as text
    sweep.visit(f"/staff/webinars/{world.webinar.pk}/imports/{world.attendance_import_id}")
    expect(sweep.page.get_by_text(payloads.used["guest"])).to_be_visible()

    assert not sweep.dialogs, sweep.dialogs
    assert not sweep.problems, "\n".join(sweep.problems)
