"""A micro-credential exported by staff as SCORM 1.2, SCORM 2004 and cmi5, played in
Chromium under a real runtime (scorm-again for SCORM; for cmi5, an LMS stand-in that follows
the cmi5 specification's launch, fetch and LaunchData, in front of a real LRS, Ralph):
completion and score reach the LMS, and the package loads nothing from another origin."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import Browser, Frame, Page

from bitewise.accounts.models import Role
from bitewise.catalog.models import MicroCredential
from bitewise.testing import PASSWORD, make_micro_credential, make_user
from tests.standards.cmi5_lms import (
    CMI5_CATEGORY,
    MASTERY_EXTENSION,
    MOVEON_CATEGORY,
    SESSION_EXTENSION,
    cmi5_lms,
)
from tests.standards.lrs_server import running_ralph
from tests.standards.package_host import serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def micro_credential() -> MicroCredential:
    return make_micro_credential(lessons=2, pass_percent=50, title="Safe <handoffs> & you")


def download(client: Any, mc: MicroCredential, standard: str) -> zipfile.ZipFile:
    staff = make_user(role=Role.AUTHOR)
    client.login(email=staff.email, password=PASSWORD)
    response = client.get(f"/staff/integrations/packages/{mc.slug}/{standard}.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def unpack(archive: zipfile.ZipFile, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    archive.extractall(root / "package")
    return root


def watch_origins(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def play(frame: Frame, *, right: int) -> None:
    """Read every lesson, then answer ``right`` questions right and the rest wrong."""
    while frame.locator("#next").is_enabled():
        frame.locator("#next").click()
    questions = frame.locator(".question")
    for index in range(questions.count()):
        question = questions.nth(index)
        wanted = "1" if index < right else "0"
        inputs = question.locator("input")
        for i in range(inputs.count()):
            box = inputs.nth(i)
            if box.get_attribute("data-correct") == wanted and not box.is_checked():
                box.check()
    frame.locator("#assessment button[type=submit]").click()
    frame.wait_for_selector("#outcome[data-reported=true]")


def only_from(origin: str, urls: list[str], *, allowed: Callable[[str], bool] = lambda u: False):  # type: ignore[no-untyped-def]
    foreign = [u for u in urls if not u.startswith(origin + "/") and not allowed(u)]
    assert foreign == [], f"loaded from another origin: {foreign}"


def test_scorm12_package_reports_passed_and_score_to_scorm_again(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    archive = download(client, micro_credential, "scorm12")
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
          "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}  # fmt: skip
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    assert manifest.findtext(".//cp:item/adlcp:masteryscore", namespaces=ns) == "50"
    resource = manifest.find(".//cp:resource", ns)
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    assert {f.get("href") for f in resource.findall("cp:file", ns)} == set(archive.namelist()) - {
        "imsmanifest.xml"
    }
    root = unpack(archive, tmp_path)
    with serving(root) as origin:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        urls = watch_origins(page)
        page.goto(f"{origin}/host/scorm12.html")
        frame = page.frame(url=f"{origin}/package/index.html")
        assert frame is not None
        assert "Safe <handoffs> & you" in frame.locator("h1").inner_text()
        play(frame, right=1)  # one of two: 50%, the pass mark

        cmi = page.evaluate(
            "() => ({status: API.cmi.core.lesson_status, raw: API.cmi.core.score.raw,"
            " max: API.cmi.core.score.max, error: API.LMSGetLastError(),"
            " finished: API.isTerminated()})"
        )
        page.close()
    assert cmi == {"status": "passed", "raw": "50", "max": "100", "error": "0", "finished": True}
    only_from(origin, urls)


def test_scorm2004_package_reports_completion_failure_and_scaled_score(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    archive = download(client, micro_credential, "scorm2004")
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
          "imsss": "http://www.imsglobal.org/xsd/imsss"}  # fmt: skip
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "2004 4th Edition"
    assert manifest.findtext(".//imsss:minNormalizedMeasure", namespaces=ns) == "0.50"
    root = unpack(archive, tmp_path)
    with serving(root) as origin:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        urls = watch_origins(page)
        page.goto(f"{origin}/host/scorm2004.html")
        frame = page.frame(url=f"{origin}/package/index.html")
        assert frame is not None
        play(frame, right=0)

        cmi = page.evaluate(
            "() => { const c = API_1484_11.cmi; return {completion: c.completion_status,"
            " success: c.success_status, scaled: c.score.scaled, raw: c.score.raw,"
            " error: API_1484_11.GetLastError(), finished: API_1484_11.isTerminated()}; }"
        )
        page.close()
    assert cmi == {
        "completion": "completed",
        "success": "failed",
        "scaled": "0",
        "raw": "0",
        "error": "0",
        "finished": True,
    }
    only_from(origin, urls)


def cmi5_package(client: Any, mc: MicroCredential, tmp_path: Path) -> tuple[Path, str]:
    archive = download(client, mc, "cmi5")
    structure = ET.fromstring(archive.read("cmi5.xml"))
    ns = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
    au = structure.find("c:au", ns)
    assert (au.get("moveOn"), au.get("masteryScore")) == ("CompletedAndPassed", "0.50")
    assert au.findtext("c:url", namespaces=ns) == "index.html"
    return unpack(archive, tmp_path), au.get("id")


ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "l-1"}}


def verbs_of(statements: list[dict[str, Any]]) -> list[str]:
    ordered = sorted(statements, key=lambda s: s["timestamp"])
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in ordered]


@pytest.mark.django_db(transaction=True)
def test_cmi5_au_reads_the_launch_data_and_reports_to_the_lms_lrs_with_its_token(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, activity_id = cmi5_package(client, micro_credential, tmp_path)
    with running_ralph(tmp_path / "lrs") as lrs, cmi5_lms(root, lrs) as lms:
        # The LMS's mastery score (0.9) overrides the package's own pass mark (50%).
        launch = lms.launch(
            activity_id=activity_id,
            actor=ACTOR,
            mastery_score=0.9,
            return_url=f"{lms.origin}/courses/1",
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})
        urls = watch_origins(page)
        page.goto(launch.url)
        play(page.main_frame, right=1)  # 50%: a pass under the package, not under the LMS
        outcome = page.locator("#outcome").inner_text()
        back = page.locator("#return").get_attribute("href")
        page.close()
        stored = lrs.statements(registration=launch.registration)
    assert "not passed" in outcome and back == f"{lms.origin}/courses/1"
    assert launch.fetches == [200] and launch.state_reads == [200] and lms.refused == []
    assert verbs_of(stored) == ["launched", "initialized", "completed", "failed", "terminated"]
    by_verb = {s["verb"]["id"].rsplit("/", 1)[-1]: s for s in stored}
    for verb in ("initialized", "completed", "failed", "terminated"):
        statement = by_verb[verb]
        context = statement["context"]
        assert statement["actor"]["account"] == ACTOR["account"]
        assert statement["object"]["id"] == activity_id
        assert context["registration"] == launch.registration
        # the LMS's context template: its session id and the course in grouping
        assert context["extensions"][SESSION_EXTENSION] == launch.session_id
        assert context["contextActivities"]["grouping"] == [{"id": launch.publisher_id}]
        categories = {c["id"] for c in context["contextActivities"]["category"]}
        assert CMI5_CATEGORY in categories
        assert (MOVEON_CATEGORY in categories) == (verb in ("completed", "failed"))
        if verb != "initialized":
            assert statement["result"]["duration"].startswith("PT")
    assert by_verb["completed"]["result"]["completion"] is True
    failed = by_verb["failed"]
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0.5
    assert failed["context"]["extensions"][MASTERY_EXTENSION] == 0.9
    only_from(lms.origin, urls)


@pytest.mark.django_db(transaction=True)
def test_cmi5_au_passes_against_the_package_mark_when_the_lms_sets_none(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, activity_id = cmi5_package(client, micro_credential, tmp_path)
    with running_ralph(tmp_path / "lrs") as lrs, cmi5_lms(root, lrs) as lms:
        launch = lms.launch(activity_id=activity_id, actor=ACTOR)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(launch.url)
        play(page.main_frame, right=2)
        page.close()
        stored = lrs.statements(registration=launch.registration)
    assert verbs_of(stored) == ["launched", "initialized", "completed", "passed", "terminated"]
    passed = next(s for s in stored if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"]["scaled"] == 1.0
    assert MASTERY_EXTENSION not in passed["context"]["extensions"]


@pytest.mark.django_db(transaction=True)
def test_cmi5_au_launched_to_browse_sends_no_completion_or_result(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, activity_id = cmi5_package(client, micro_credential, tmp_path)
    with running_ralph(tmp_path / "lrs") as lrs, cmi5_lms(root, lrs) as lms:
        launch = lms.launch(activity_id=activity_id, actor=ACTOR, launch_mode="Browse")
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(launch.url)
        play(page.main_frame, right=2)
        page.close()
        stored = lrs.statements(registration=launch.registration)
    assert verbs_of(stored) == ["launched", "initialized", "terminated"]


@pytest.mark.django_db(transaction=True)
def test_cmi5_au_opened_again_with_a_used_fetch_url_reports_nothing_and_says_so(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, activity_id = cmi5_package(client, micro_credential, tmp_path)
    with running_ralph(tmp_path / "lrs") as lrs, cmi5_lms(root, lrs) as lms:
        launch = lms.launch(activity_id=activity_id, actor=ACTOR)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(launch.url)
        page.wait_for_selector("html[data-cmi5=initialized]")
        page.reload()  # the fetch URL answers once
        page.wait_for_selector("#outcome[data-reported=error]")
        message = page.locator("#outcome").inner_text()
        page.close()
        lms.wait_for_statements(3)
        stored = lrs.statements(registration=launch.registration)
    assert "already used" in message
    assert launch.fetches == [200, 200]
    # Only the first opening's session, ended as the page was left; nothing from the second.
    assert verbs_of(stored) == ["launched", "initialized", "terminated"]


@pytest.mark.django_db(transaction=True)
def test_cmi5_au_left_unfinished_ends_its_session_without_completing(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, activity_id = cmi5_package(client, micro_credential, tmp_path)
    with running_ralph(tmp_path / "lrs") as lrs, cmi5_lms(root, lrs) as lms:
        launch = lms.launch(activity_id=activity_id, actor=ACTOR)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(launch.url)
        page.wait_for_selector("html[data-cmi5=initialized]")
        page.locator("#next").click()
        page.goto(f"{lms.origin}/courses/1")  # the learner goes back to the LMS
        page.close()
        lms.wait_for_statements(3)
        stored = lrs.statements(registration=launch.registration)
    assert verbs_of(stored) == ["launched", "initialized", "terminated"]
    terminated = next(s for s in stored if s["verb"]["id"].endswith("/terminated"))
    assert terminated["context"]["extensions"][SESSION_EXTENSION] == launch.session_id


def test_cmi5_au_opened_without_a_launch_says_it_cannot_report(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    root, _ = cmi5_package(client, micro_credential, tmp_path)
    with serving(root) as origin:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{origin}/package/index.html?endpoint=https://lrs.example.org/")
        message = page.locator("#outcome").inner_text()
        page.close()
    assert "not launched by a cmi5 LMS" in message and "fetch, actor" in message


def test_an_unknown_package_format_is_a_404_and_learners_cannot_download(
    client: Any, micro_credential: MicroCredential
) -> None:
    learner = make_user()
    client.login(email=learner.email, password=PASSWORD)
    assert (
        client.get(f"/staff/integrations/packages/{micro_credential.slug}/cmi5.zip").status_code
        == 403
    )
    staff = make_user(role=Role.AUTHOR)
    client.login(email=staff.email, password=PASSWORD)
    assert (
        client.get(f"/staff/integrations/packages/{micro_credential.slug}/aicc.zip").status_code
        == 404
    )
    assert client.get("/staff/integrations/packages/no-such-thing/cmi5.zip").status_code == 404
