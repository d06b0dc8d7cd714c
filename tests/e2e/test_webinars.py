"""Micro-webinars with CE credit, in a real browser on a phone: registering with a waiting
list and an attendance check, the CE transcript and certificate, the recording's player,
and staff creating, publishing and running a session."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bitewise.accounts.models import Role, User
from bitewise.demo.recording import ensure_recording
from bitewise.testing import PASSWORD, make_user
from bitewise.webinars.models import (
    AttendanceCheck,
    CheckAnswer,
    CreditAward,
    Registration,
    RegistrationStatus,
    Viewing,
    Webinar,
    WebinarStatus,
)
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program
from tests.e2e.conftest import expect_signed_in, open_menu
from tests.e2e.signup import finish_sign_up

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]  # the conftest's snap / check_* fixtures

FIRST_EMAIL = "dana.okafor@example.org"
FIRST_PASSWORD = "correct-horse-battery-42"
AMA_UNIT = "AMA PRA Category 1 Credit\N{TRADE MARK SIGN}"


@pytest.fixture
def second_phone_page(browser: Browser) -> Iterator[Page]:
    """Another learner's phone: a second cookie-less page, set up like ``phone_page``."""
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


def log_in(page: Page, base: str, user: User, *, next_path: str = "") -> None:
    page.goto(f"{base}/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect_signed_in(page)


class Looks:
    """Every page visited gets a screenshot, the axe check and the phone-layout check.

    A failed check is kept rather than raised at once, so one journey reports every
    page's problems; ``assert_clean`` fails the test with all of them at the end."""

    def __init__(
        self, snap: PageCheck, check_accessible: PageCheck, check_fits_phone: PageCheck
    ) -> None:
        self.snap, self.accessible, self.fits = snap, check_accessible, check_fits_phone
        self.problems: list[str] = []

    def __call__(self, page: Page, name: str, label: str) -> None:
        path = self.snap(page, name)
        for check in (self.accessible, self.fits):
            try:
                check(page, label)
            except AssertionError as exc:
                self.problems.append(f"{label} ({page.url}, {path}):\n{exc}")

    def assert_clean(self) -> None:
        assert not self.problems, "\n\n".join(self.problems)


@pytest.fixture
def look(snap: PageCheck, check_accessible: PageCheck, check_fits_phone: PageCheck) -> Looks:
    return Looks(snap, check_accessible, check_fits_phone)


@pytest.fixture(autouse=True)
def credit_programs() -> None:
    """The shipped CE programs (a data migration) are flushed between live-server tests."""
    credit_programs_install()


# ---- 1. registering, the join link, an attendance check and the waiting list ------------


def test_learner_registers_answers_a_check_and_a_waiting_learner_gets_the_freed_seat(
    live_server: Any,
    phone_page: Page,
    second_phone_page: Page,
    look: Looks,
) -> None:
    page, base = phone_page, live_server.url
    webinar = make_webinar(
        title="Sepsis screening in 15",
        description="Spot sepsis early: **three** questions at triage.",
        presenter="Dr Ada Obi",
        starts_at=timezone.now() + timedelta(minutes=5),
        time_zone="Europe/London",
        capacity=1,
        credit_program=program("ama-pra-1"),
        checks_planned=2,
    )
    other = make_user(email="lee.moreno@example.org")

    # Given a nurse who signs up on their phone
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Email").fill(FIRST_EMAIL)
    page.get_by_label("Password").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Sign up").tap()
    finish_sign_up(page, base, FIRST_EMAIL)
    expect(page.get_by_role("status")).to_contain_text("Welcome to Bitewise")

    # When they open the micro-webinars from the menu
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Webinars").tap()
    expect(page).to_have_url(f"{base}/webinars/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Micro-webinars")
    card = page.locator(".card", has_text=webinar.title)
    expect(card).to_contain_text("15 min")
    expect(card).to_contain_text("1 seat")
    look(page, "webinars-01-list", "webinar list")

    # And open the session starting in five minutes, with one seat
    card.get_by_role("link", name=webinar.title).tap()
    expect(page).to_have_url(f"{base}/webinars/{webinar.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(webinar.title)
    expect(page.locator(".lesson-body strong")).to_have_text("three")
    expect(page.get_by_text("1 seat left.")).to_be_visible()
    expect(page.get_by_role("heading", name="Continuing-education credit")).to_be_visible()
    look(page, "webinars-02-detail", "webinar page")

    # And register
    page.get_by_role("button", name="Register").tap()

    # Then they hold the seat, and the join link is open (10 minutes before the start)
    expect(page.locator("p.badge-earned")).to_have_text("You are registered.")
    expect(page.get_by_role("status").first).to_contain_text("You are registered.")
    join = page.get_by_role("link", name="Join the session")
    expect(join).to_be_visible()
    expect(join).to_have_attribute("href", f"/webinars/{webinar.pk}/join")
    going = page.request.get(f"{base}/webinars/{webinar.pk}/join", max_redirects=0)
    assert going.status == 302 and going.headers["location"] == webinar.join_url
    check_form = page.locator("form.card", has=page.get_by_role("heading", name="Attendance check"))
    expect(check_form).to_be_visible()
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    look(page, "webinars-03-registered", "registered page")

    # When the session has started and staff show a check code
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    webinar.refresh_from_db()
    check = check_open(webinar=webinar)
    assert re.fullmatch(r"[A-Z2-9]{5}", check.code)

    # And the learner types it as heard: lower case, with a space
    page.reload()
    typed = f"{check.code[:2]} {check.code[2:]}".lower()
    page.get_by_label("Code shown in the session").fill(typed)
    page.get_by_role("button", name="Send code").tap()

    # Then the code is accepted and the answer recorded
    expect(page.get_by_role("status").first).to_contain_text("Code accepted")
    learner = User.objects.get(email=FIRST_EMAIL)
    assert CheckAnswer.objects.filter(attendance_check=check, learner=learner).count() == 1
    look(page, "webinars-04-code-accepted", "code accepted")

    # When a second learner opens the full session
    other_page = second_phone_page
    log_in(other_page, base, other, next_path=f"/webinars/{webinar.pk}/")
    expect(other_page).to_have_url(f"{base}/webinars/{webinar.pk}/")
    expect(other_page.get_by_text("The session is full.")).to_be_visible()
    look(other_page, "webinars-05-full", "full session")
    other_page.get_by_role("button", name="Join the waiting list").tap()

    # Then they are on the waiting list, without the join link
    expect(other_page.get_by_role("status").first).to_contain_text("you are on the waiting list")
    expect(other_page.get_by_text("You are on the waiting list:")).to_be_visible()
    expect(other_page.get_by_role("link", name="Join the session")).to_have_count(0)
    look(other_page, "webinars-06-waitlisted", "waiting list")

    # When the first learner cancels
    page.get_by_role("button", name="Cancel my registration").tap()
    expect(page.get_by_role("status").first).to_contain_text("Your registration is cancelled.")
    expect(page.get_by_role("button", name="Join the waiting list")).to_be_visible()
    look(page, "webinars-07-cancelled", "cancelled registration")

    # Then the waiting learner holds the seat on reload
    other_page.reload()
    expect(other_page.locator("p.badge-earned")).to_have_text("You are registered.")
    expect(other_page.get_by_role("link", name="Join the session")).to_be_visible()
    look(other_page, "webinars-08-promoted", "promoted from the waiting list")

    # And their list shows the session as theirs
    other_page.goto(f"{base}/webinars/")
    mine = other_page.locator(".card", has_text=webinar.title).first
    expect(mine).to_contain_text("Registered")
    statuses = dict(
        Registration.objects.filter(webinar=webinar).values_list("learner__email", "status")
    )
    assert statuses == {
        FIRST_EMAIL: RegistrationStatus.CANCELLED,
        other.email: RegistrationStatus.REGISTERED,
    }
    look.assert_clean()


# ---- 2. the CE transcript, its downloads and the certificate ------------------------------


def test_learner_finds_imported_credit_on_the_transcript_and_downloads_the_certificate(
    live_server: Any,
    phone_page: Page,
    settings: Any,
    look: Looks,
) -> None:
    page, base = phone_page, live_server.url
    settings.SITE_URL = base  # certificate links are absolute
    learner = make_user(email="ines.park@example.org")
    User.objects.filter(pk=learner.pk).update(display_name="Inés Park")
    day = timezone.now() - timedelta(days=20)
    webinar = make_webinar(
        title="Anticoagulant reversal in 15",
        starts_at=day,
        credit_program=program("ama-pra-1"),
    )
    registration_create_past(learner, webinar)
    report = attendance_csv([(learner.email, day, day + timedelta(minutes=15))])
    record = attendance_import(webinar=webinar, by=None, filename="zoom.csv", data=report)
    assert record.matched == 1
    award = CreditAward.objects.get(learner=learner, webinar=webinar)

    # Given the learner logs in and opens their CE credit
    log_in(page, base, learner)
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="CE credit").tap()
    expect(page).to_have_url(f"{base}/ce/transcript/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your CE transcript")
    row = page.locator(".card", has_text=webinar.title)
    expect(row).to_contain_text(f"0.25 {AMA_UNIT}")
    look(page, "webinars-10-transcript", "transcript")

    # When they filter to a period after the session
    later = timezone.localdate() - timedelta(days=5)
    page.get_by_label("From").fill(later.isoformat())
    page.get_by_label("To").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Show").tap()

    # Then nothing is listed
    expect(page).to_have_url(re.compile(rf"date_from={later.isoformat()}"))
    expect(page.get_by_text("No credit in this period yet.")).to_be_visible()
    expect(page.locator(".card", has_text=webinar.title)).to_have_count(0)
    look(page, "webinars-11-transcript-empty", "filtered transcript")

    # When they clear the filter and download the CSV
    page.goto(f"{base}/ce/transcript/")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download CSV").tap()
    download = csv_download.value
    assert download.suggested_filename == "ce-transcript.csv"
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert webinar.title in content and "0.25" in content

    # And open the certificate
    page.locator(".card", has_text=webinar.title).get_by_role(
        "link", name="Certificate and verification"
    ).tap()
    expect(page).to_have_url(f"{base}/ce/certificates/{award.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of completion")
    expect(page.get_by_role("status").first).to_contain_text("Valid")
    expect(page.get_by_text("Inés Park")).to_be_visible()
    look(page, "webinars-12-certificate", "certificate page")

    # Then the PDF certificate downloads
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download the PDF certificate").tap()
    pdf = pdf_download.value
    assert pdf.suggested_filename == f"certificate-{award.pk}.pdf"
    assert Path(pdf.path()).read_bytes().startswith(b"%PDF")

    # And anyone with the link sees the public page, without the download
    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_role("status").first).to_contain_text("Valid")
    expect(page.get_by_role("link", name="Download the PDF certificate")).to_have_count(0)
    look(page, "webinars-13-certificate-public", "public certificate page")
    look.assert_clean()


def test_admin_revokes_credit_and_the_learner_transcript_certificate_and_badge_agree(
    live_server: Any,
    phone_page: Page,
    browser: Browser,
    settings: Any,
    look: Looks,
) -> None:
    page, base = phone_page, live_server.url
    settings.SITE_URL = base
    learner = make_user(email="omar.haddad@example.org")
    User.objects.filter(pk=learner.pk).update(display_name="عمر حداد")
    admin = make_user(role=Role.ADMIN, email="ce.admin@example.org")
    day = timezone.now() - timedelta(days=10)
    webinar = make_webinar(
        title="Sepsis bundle in 15", starts_at=day, credit_program=program("ama-pra-1")
    )
    registration_create_past(learner, webinar)
    report = attendance_csv([(learner.email, day, day + timedelta(minutes=15))])
    attendance_import(webinar=webinar, by=None, filename="zoom.csv", data=report)
    award = CreditAward.objects.get(learner=learner, webinar=webinar)

    # Given the learner's credit has its verifiable badge, linked from the certificate page
    log_in(page, base, learner, next_path=f"/ce/certificates/{award.pk}/")
    page.get_by_role("link", name="Verifiable credential (Open Badges 3.0)").tap()
    expect(page.locator("#main .tag", has_text="CE credit")).to_be_visible()
    expect(page.locator("#verify-h")).to_contain_text("Valid")
    look(page, "webinars-20-ce-badge", "CE credit badge")

    # When an admin revokes it from the credit report, on a phone
    staff_context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    staff = staff_context.new_page()
    log_in(staff, base, admin, next_path=f"/staff/webinars/{webinar.pk}/credit")
    staff.get_by_label("Why revoke (shown on the certificate page)").fill(
        "Attendance was misreported"
    )
    staff.get_by_role("button", name="Revoke").tap()
    expect(staff.get_by_text("Revoked omar.haddad@example.org")).to_be_visible()
    look(staff, "webinars-21-credit-revoked", "credit report after revoking")

    # Then the learner's transcript no longer counts it, and the certificate says why
    page.goto(f"{base}/ce/transcript/")
    expect(page.get_by_text("No credit in this period yet.")).to_be_visible()
    page.goto(f"{base}/ce/certificates/{award.pk}/")
    expect(page.get_by_role("status").first).to_contain_text("Attendance was misreported")
    expect(page.get_by_role("link", name="Download the PDF certificate")).to_have_count(0)
    look(page, "webinars-22-certificate-revoked", "revoked certificate")
    page.get_by_role("link", name="Verifiable credential (Open Badges 3.0)").tap()
    expect(page.locator("#verify-h")).to_contain_text("Not valid")

    # When the admin reinstates it, it counts again
    staff.get_by_label("Why reinstate (kept in the audit record)").fill("Report corrected")
    staff.get_by_role("button", name="Reinstate").tap()
    expect(staff.get_by_text("Reinstated omar.haddad@example.org")).to_be_visible()
    page.goto(f"{base}/ce/transcript/")
    expect(page.locator(".card", has_text=webinar.title)).to_contain_text(f"0.25 {AMA_UNIT}")
    staff_context.close()
    look.assert_clean()


def registration_create_past(learner: User, webinar: Webinar) -> None:
    """The learner registered before the session, which is over now."""
    real_start = webinar.starts_at
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() + timedelta(days=1))
    webinar.refresh_from_db()
    registration_create(learner=learner, webinar=webinar)
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=real_start)
    webinar.refresh_from_db()


# ---- 3. the recording, with heartbeats ---------------------------------------------------


def test_learner_plays_the_recording_and_the_player_reports_what_was_watched(
    live_server: Any,
    phone_page: Page,
    media_root: Path,
    look: Looks,
) -> None:
    page, base = phone_page, live_server.url
    name = ensure_recording()
    assert (media_root / name).is_file()
    webinar = make_webinar(
        title="Handover with SBAR in 15",
        starts_at=timezone.now() - timedelta(days=2),
        credit_program=program("ama-pra-1"),
        self_study_program=program("ama-pra-1"),
        self_study_percent=90,
    )
    Webinar.objects.filter(pk=webinar.pk).update(recording_file=name, recording_seconds=720)
    learner = make_user(email="ravi.shah@example.org")

    # Given the learner finds the recording on the webinar list
    log_in(page, base, learner)
    page.goto(f"{base}/webinars/")
    recordings = page.locator(".card", has_text=webinar.title)
    expect(recordings).to_contain_text("Self-study credit")
    recordings.get_by_role("link", name=webinar.title).tap()

    # Then the page has the player for the app-served file
    video = page.locator("#recording")
    expect(video).to_have_attribute("src", f"/media/{name}")
    expect(page.get_by_text("Watch at least 90% for self-study credit")).to_be_visible()
    page.wait_for_function("() => document.getElementById('recording').readyState >= 1")
    assert video.evaluate("(v) => Math.round(v.duration)") == 720
    look(page, "webinars-20-recording", "recording page")

    # When they play a few seconds from the start of part 2 and pause
    video.evaluate("(v) => { v.muted = true; v.currentTime = 180; }")
    page.wait_for_function("() => !document.getElementById('recording').seeking")
    video.evaluate("(v) => v.play()")
    page.wait_for_function(
        "() => document.getElementById('recording').currentTime >= 183.5", timeout=15_000
    )
    with page.expect_response(
        lambda r: r.url.endswith(f"/webinars/{webinar.pk}/heartbeat") and r.request.method == "POST"
    ) as beat:
        video.evaluate("(v) => v.pause()")
    response = beat.value
    assert response.status == 200, response.text()
    body = response.json()
    assert body["of_seconds"] == 720 and body["watched_seconds"] >= 3

    # Then the page says how much was watched, and the viewing is kept
    expect(page.locator("#watched")).to_have_text(
        re.compile(r"^Watched \d+:\d\d of 12:00 \(\d+%\)$")
    )
    viewing = Viewing.objects.get(webinar=webinar, learner=learner)
    assert viewing.seconds == body["watched_seconds"]
    assert viewing.watched[0][0] == 180
    look(page, "webinars-21-recording-watched", "recording watched")
    look.assert_clean()


# ---- 4. staff create, publish and run a session -----------------------------------------


def test_admin_on_a_phone_creates_publishes_and_shows_a_check_code(
    live_server: Any,
    phone_page: Page,
    look: Looks,
) -> None:
    page, base = phone_page, live_server.url
    admin = make_user(role=Role.ADMIN, email="ops.lead@example.org")
    title = "Falls prevention huddle"

    # Given an admin on the staff webinar list
    log_in(page, base, admin, next_path="/staff/webinars/")
    expect(page).to_have_url(f"{base}/staff/webinars/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Micro-webinars")
    look(page, "webinars-30-staff-list", "staff webinar list")

    # When they fill in the new-webinar form for a session starting now (a huddle)
    page.get_by_role("main").get_by_role("link", name="New micro-webinar").first.tap()
    expect(page).to_have_url(f"{base}/staff/webinars/new")
    look(page, "webinars-31-staff-new", "new webinar form")
    starts = timezone.now().replace(second=0, microsecond=0)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Description").fill("Three checks at **every** bedside.")
    page.get_by_label("Presenter").fill("Sam Ito, RN")
    page.get_by_label("Starts (local time in the zone below)").fill(
        starts.strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Time zone", exact=True).select_option("UTC")
    page.get_by_label("Length in minutes").fill("15")
    page.get_by_label("Capacity").fill("30")
    page.get_by_label("Join URL").fill("https://zoom.example/j/555000111")
    page.get_by_label("Credit program").select_option(label=program("ama-pra-1").credit_rule.name)
    page.get_by_label("Attendance checks planned").fill("2")
    page.get_by_role("button", name="Save draft").tap()

    # Then the draft's page shows what each rule would award
    expect(page.get_by_role("status").first).to_contain_text("Draft saved")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    webinar = Webinar.objects.get(title=title)
    assert webinar.status == WebinarStatus.DRAFT and webinar.duration_minutes == 15
    assert webinar.starts_at == starts
    preview = page.locator(
        "section",
        has=page.get_by_role("heading", name="What each rule would award"),
    )
    expect(preview.locator("li.preview-row")).to_have_count(6)
    chosen = preview.locator("li.preview-row.chosen")
    expect(chosen).to_contain_text("ama-pra-1")
    expect(chosen).to_contain_text("(chosen)")
    expect(chosen).to_contain_text("0.25")
    look(page, "webinars-32-staff-draft", "staff webinar page (draft)")

    # When they publish it
    page.get_by_text("Publish…").tap()
    page.get_by_role("button", name="Yes, publish").tap()

    # Then it is published
    expect(page.get_by_role("status").first).to_contain_text("Published")
    expect(page.locator("h1 + p.meta .tag")).to_have_text("Published")
    webinar.refresh_from_db()
    assert webinar.status == WebinarStatus.PUBLISHED
    look(page, "webinars-33-staff-published", "staff webinar page (published)")

    # When they open the page to share on screen and show a code
    page.get_by_role("link", name="Open the check page to share on screen").tap()
    expect(page).to_have_url(f"{base}/staff/webinars/{webinar.pk}/checks")
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance checks")
    look(page, "webinars-34-staff-checks", "checks page")
    page.get_by_role("button", name="Show a check code now").tap()

    # Then the code is shown big, and it is the one learners must type
    code = page.locator(".check-code")
    expect(code).to_have_text(re.compile(r"^[A-Z2-9]{5}$"))
    check = AttendanceCheck.objects.get(webinar=webinar)
    expect(code).to_have_text(check.code)
    font_px = code.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    assert font_px >= 48, f"the code is only {font_px}px tall"
    box = code.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(page.get_by_text("1 of 2 planned checks shown.")).to_be_visible()
    look(page, "webinars-35-staff-check-code", "checks page with a code")
    look.assert_clean()
