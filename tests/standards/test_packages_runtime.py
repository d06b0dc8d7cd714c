"""A micro-credential exported by staff as SCORM 1.2, SCORM 2004 and cmi5, played in
Chromium under a real runtime (scorm-again for SCORM, a real LRS for cmi5): completion and
score reach the LMS, and the package loads nothing from another origin."""

from __future__ import annotations

import io
import json
import uuid
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
from tests.standards.lrs_server import PASSWORD as LRS_PASSWORD
from tests.standards.lrs_server import USERNAME as LRS_USERNAME
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


@pytest.mark.django_db(transaction=True)
def test_cmi5_package_sends_its_statements_to_the_lms_lrs(
    client: Any, micro_credential: MicroCredential, browser: Browser, tmp_path: Path
) -> None:
    archive = download(client, micro_credential, "cmi5")
    structure = ET.fromstring(archive.read("cmi5.xml"))
    ns = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
    au = structure.find("c:au", ns)
    assert (au.get("moveOn"), au.get("masteryScore")) == ("CompletedAndPassed", "0.50")
    assert au.findtext("c:url", namespaces=ns) == "index.html"
    activity_id = au.get("id")
    root = unpack(archive, tmp_path)
    credentials = (LRS_USERNAME, LRS_PASSWORD)
    with (
        serving(root, lrs_credentials=credentials) as origin,
        running_ralph(tmp_path / "lrs", cors_origins=[origin]) as lrs,
    ):
        registration = str(uuid.uuid4())
        actor = {"objectType": "Agent", "account": {"homePage": origin, "name": "learner-1"}}
        launch = (
            f"{origin}/package/index.html?endpoint={lrs.url}/&fetch={origin}/fetch"
            f"&registration={registration}&activityId={activity_id}"
            f"&actor={json.dumps(actor)}"
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})
        urls = watch_origins(page)
        page.goto(launch)
        play(page.main_frame, right=2)
        page.close()
        stored = lrs.statements()
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in stored]
    assert sorted(verbs) == ["completed", "initialized", "passed", "terminated"]
    passed = next(s for s in stored if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"] == {"scaled": 1.0}
    assert passed["object"]["id"] == activity_id
    assert {s["context"]["registration"] for s in stored} == {registration}
    # Only the LRS the launch named is reached elsewhere: the page loads nothing else.
    only_from(origin, urls, allowed=lambda url: url.startswith(lrs.url + "/statements"))


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
