"""One association's year, on phones, across every capability, asserting each hand-over.

Staff turn a recorded webinar into lessons and publish them; a member finds a lesson by a
phrase spoken in the recording and lands in that lesson at that second; subscribes, fails the
check, sees why, retakes it and earns the badge; the badge verifies in Digital Bazaar's
independent verifier; a month later the review cards from those answers are due on Today and
in the emailed digest; the member registers for a micro-webinar, staff import the attendance
report, and the CE credit and its badge are on the transcript; finally staff revoke the
micro-credential's badge and the webinar's CE record, and the public page, the pathway
progress, the CE transcript and the verifier all agree.

Real servers throughout: Django's live server, Chromium, an SMTP server (aiosmtpd) and Node.
Time moves with ``time_machine`` (server and test share one clock).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role, User
from bitewise.accounts.tests.test_smtp import Inbox, smtp_inbox  # noqa: F401  (fixture)
from bitewise.catalog.models import Choice, MicroCredential, Pathway, Question
from bitewise.catalog.services import pathway_publish, pathway_save
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuers import did_document, issuer_default
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.tests.support import PHRASE, SPOKEN_AT, transcript_with_phrase
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.search.services.indexing import search_index_refresh
from bitewise.testing import PASSWORD, make_user
from bitewise.webinars.models import CreditAward, Webinar
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.tests.factories import make_webinar, program
from tests.e2e.conftest import expect_signed_in
from tests.interop.test_digital_bazaar import digital_bazaar_verifies

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]
COURSE = "Running the association's year"
PATHWAY = "Association operations"
MEMBER = "ria.santos@example.org"
STAFF = "ops.lead@example.org"


@dataclass
class Year:
    """What the steps hand to each other."""

    page: Page
    base: str
    inbox: Inbox
    snap: PageCheck
    accessible: PageCheck
    fits: PageCheck
    clock: time_machine.Coordinates
    course: MicroCredential | None = None
    webinar: Webinar | None = None

    def later(self, delta: timedelta) -> None:
        """Move the one clock the servers and the test share."""
        self.clock.shift(delta)

    def look(self, name: str, label: str) -> None:
        self.snap(self.page, f"year-{name}")
        self.accessible(self.page, label)
        self.fits(self.page, label)


def log_in(year: Year, email: str, next_path: str = "/") -> None:
    page = year.page
    page.context.clear_cookies()
    page.goto(f"{year.base}/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect_signed_in(page)


def tone_recording(path: Path, seconds: int) -> Path:
    """A quiet tone as long as the transcript: the transcript is what is read, the tone
    gives the lessons' clips something to play."""
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
         f"sine=frequency=220:duration={seconds}", "-ac", "1", "-b:a", "24k", "-y", str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    return path


# ---- January: staff turn the recorded webinar into lessons ------------------------------


def staff_repurpose_the_recording_and_publish_the_lessons(year: Year, tmp_path: Path) -> None:
    page = year.page
    transcript = tmp_path / "annual-meeting.vtt"
    transcript.write_text(transcript_with_phrase(), encoding="utf-8")
    recording = tone_recording(tmp_path / "annual-meeting.mp3", 16 * 60)
    log_in(year, STAFF, "/staff/repurpose/")

    page.get_by_label("Title", exact=True).fill("Annual meeting, recorded")
    page.get_by_label("Recording", exact=True).set_input_files(str(recording))
    page.get_by_label("Transcript", exact=True).set_input_files(str(transcript))
    page.get_by_role("button", name="Upload and start").tap()
    # The test settings run the job as the upload commits: cutting clips takes a while.
    expect(page.get_by_role("heading", name="3 proposed lessons")).to_be_visible(timeout=60_000)
    year.look("01-proposed-lessons", "proposed lessons")

    page.get_by_label("New micro-credential's title").fill(COURSE)
    page.get_by_role("button", name="Publish 3 lessons").tap()
    expect(page.get_by_text(f"Published 3 lessons to “{COURSE}”")).to_be_visible()
    assert RepurposeJob.objects.get().status == RepurposeJob.Status.PUBLISHED

    # The new micro-credential is a draft: staff give it CE hours and a pass mark, publish it.
    course = MicroCredential.objects.get(title=COURSE)
    page.goto(f"{year.base}/staff/micro-credentials/{course.pk}")
    page.get_by_label("Ce credits").fill("1.5")
    page.get_by_label("Ce credit type").fill("CE hour")
    page.get_by_label("Pass percent").fill("80")
    page.get_by_role("button", name="Save").tap()
    page.get_by_role("button", name="Publish", exact=True).tap()
    expect(page.get_by_text("Status: Published")).to_be_visible()
    year.course = MicroCredential.objects.get(pk=course.pk)
    assert year.course.ce_credits == 1.5 and year.course.pass_percent == 80
    # It leads, with one more, to a pathway.
    pathway_publish(
        pathway=pathway_save(
            pathway=Pathway(title=PATHWAY, summary="Run the association well.", rule="all"),
            micro_credential_ids=[year.course.pk],
        ),
        by=None,
    )
    search_index_refresh()  # the scheduler's job, run here at once


# ---- February: a member finds a spoken phrase, lands in the lesson at the second ---------


def member_finds_the_spoken_phrase_and_lands_at_its_second(year: Year) -> None:
    page = year.page
    job = RepurposeJob.objects.get()
    owner = next(s for s in job.segments.all() if s.start <= SPOKEN_AT < s.end)
    assert owner.lesson is not None
    log_in(year, MEMBER)

    box = page.get_by_role("combobox", name="Search lessons, quizzes and recordings")
    box.fill("quokka mnemonic")
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    hit = options.filter(has_text="Recording").first
    expect(hit).to_contain_text(owner.lesson.title)
    year.look("02-search", "search suggestions")
    hit.tap()

    expect(page.get_by_role("heading", name=owner.lesson.title)).to_be_visible()
    at = int(page.url.rsplit("t=", 1)[1])
    # The lesson's clip starts at the segment's start: the phrase is at this second of it.
    spoken = SPOKEN_AT - owner.start
    assert spoken - 1 <= at <= spoken, (at, spoken, PHRASE)
    page.get_by_role("link", name="Open the lesson at").tap()
    expect(page.get_by_role("heading", name=owner.lesson.title)).to_be_visible()
    page.wait_for_function(
        f"() => Math.abs(document.querySelector('audio').currentTime - {at}) < 1.5"
    )
    year.look("03-lesson-at-the-second", "lesson opened at the second")


# ---- March: subscribe, fail, see why, retake, earn ---------------------------------------


def answer_the_assessment(year: Year, number: int, *, correctly: bool) -> None:
    page = year.page
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Attempt {number}")
    assert year.course is not None
    for section in page.locator("section.question").all():
        prompt = section.locator("legend").inner_text().split(". ", 1)[1]
        question = Question.objects.filter(
            prompt=prompt, lesson__memberships__micro_credential=year.course
        ).first()
        assert question is not None, prompt
        choice = Choice.objects.filter(question=question, is_correct=correctly).first()
        assert choice is not None
        section.get_by_label(choice.text, exact=True).check()
        section.get_by_role("button", name="Save answer").tap()
        expect(section.get_by_text("Saved")).to_be_visible()
    page.get_by_role("button", name=f"Submit attempt {number}").tap()


def member_subscribes_fails_retakes_and_earns(year: Year) -> IssuedCredential:
    page, course = year.page, year.course
    assert course is not None
    page.goto(f"{year.base}/m/{course.slug}/")
    page.get_by_role("button", name="Subscribe").tap()
    for _ in range(course.memberships.count()):
        page.get_by_role("button", name=re.compile("Done, next lesson|Finish")).tap()
    page.get_by_role("button", name="Start the assessment").tap()
    answer_the_assessment(year, 1, correctly=False)

    result = page.locator(".result.fail")
    expect(result).to_contain_text("Not passed yet.")
    expect(result).to_contain_text("the pass mark is 80%")
    expect(result).to_contain_text("with 2 attempts left")
    year.look("04-not-passed", "failed attempt")

    year.later(timedelta(hours=25))  # the cooling-off day between attempts
    page.reload()
    page.get_by_role("button", name="Retake: start attempt 2").tap()
    answer_the_assessment(year, 2, correctly=True)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You earned {course.title}")
    page.wait_for_function(
        "() => { const i = document.querySelector('.badge-image');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    credential = IssuedCredential.objects.get(award__micro_credential=course)
    expect(page.get_by_label("Link to your badge")).to_have_value(
        f"{year.base}/credentials/{credential.pk}"
    )
    expect(page.get_by_role("link", name="Add to LinkedIn profile")).to_be_visible()
    year.look("05-earned", "earned")
    # One email per badge: the micro-credential's, and the pathway's it completes.
    assert sorted((r, m["Subject"]) for r, m in year.inbox.messages) == [
        ([MEMBER], f"Your badge: {PATHWAY}"),
        ([MEMBER], f"Your badge: {course.title}"),
    ]
    return credential


def the_independent_verifier_says(credential: IssuedCredential) -> dict[str, Any]:
    credential.refresh_from_db()
    keys = {credential.issuer.did: did_document(issuer=credential.issuer)}
    return digital_bazaar_verifies(
        credential.document, keys, check_status=True, now=timezone.now().isoformat()
    )


# ---- April: the answers come back as due reviews, in the digest and on Today --------------


def member_asks_for_a_daily_review_digest(year: Year) -> None:
    page = year.page
    log_in(year, MEMBER, "/today/")
    settings_form = page.get_by_role("region", name="Review settings")
    settings_form.get_by_label("Email me a daily digest when reviews are due").check()
    settings_form.get_by_role("button", name="Save").tap()
    expect(page.get_by_text("Review settings saved.")).to_be_visible()


def reviews_come_due_in_the_digest_and_on_today(year: Year) -> None:
    """The member has not opened Today since answering: the digest still counts those answers."""
    page = year.page
    before = len(year.inbox.messages)
    year.later(timedelta(days=40))
    assert review_digests_plan_due() == 1  # the scheduler's job, run here at once
    [(recipients, digest)] = year.inbox.messages[before:]
    assert recipients == [MEMBER]
    due = ReviewCard.objects.filter(learner__email=MEMBER, due_at__lte=timezone.now()).count()
    assert due > 0 and digest["Subject"] == f"{due} reviews due today"

    log_in(year, MEMBER, "/today/")
    review = page.get_by_role("region", name="5-minute review")
    expect(review.get_by_test_id("left-today")).to_have_text(str(due))
    year.look("06-today-due", "Today with due reviews")


# ---- May: a micro-webinar, its attendance report, CE credit and its badge -----------------


def member_registers_for_a_micro_webinar(year: Year) -> None:
    page = year.page
    year.webinar = make_webinar(
        title="Board reporting in 15",
        starts_at=timezone.now() + timedelta(days=2),
        credit_program=program("custom"),  # the association's own CE hours
    )
    log_in(year, MEMBER, "/webinars/")
    page.locator(".card", has_text=year.webinar.title).get_by_role(
        "link", name=year.webinar.title
    ).tap()
    page.get_by_role("button", name="Register").tap()
    expect(page.locator("p.badge-earned")).to_have_text("You are registered.")
    year.look("07-webinar-registered", "registered for the webinar")


def staff_import_the_attendance_report(year: Year, tmp_path: Path) -> None:
    page, webinar = year.page, year.webinar
    assert webinar is not None
    report = io.StringIO()
    writer = csv.writer(report)
    writer.writerow(["Name", "Email", "Join Time", "Leave Time"])
    writer.writerow(
        ["Ria Santos", MEMBER, webinar.starts_at.isoformat(), webinar.ends_at.isoformat()]
    )
    path = tmp_path / "zoom-attendance.csv"
    path.write_text(report.getvalue(), encoding="utf-8")
    log_in(year, STAFF, f"/staff/webinars/{webinar.pk}/")
    section = page.get_by_role("region", name="Import an attendance report")
    section.get_by_label("Attendance report").set_input_files(str(path))
    section.get_by_role("button", name="Import").tap()
    expect(page.get_by_text(re.compile("1 matched"))).to_be_visible()
    year.look("08-attendance-imported", "attendance imported")


def credit_and_its_badge_are_on_the_transcript(year: Year) -> CreditAward:
    page, webinar, course = year.page, year.webinar, year.course
    assert webinar is not None and course is not None
    award = CreditAward.objects.get(learner__email=MEMBER, webinar=webinar)
    log_in(year, MEMBER, "/ce/transcript/")
    expect(page.locator(".card", has_text=webinar.title)).to_be_visible()
    expect(page.locator(".card", has_text=course.title)).to_contain_text("1.5")
    year.look("09-transcript", "CE transcript")
    page.goto(f"{year.base}/ce/certificates/{award.pk}/")
    page.get_by_role("link", name="Verifiable credential (Open Badges 3.0)").tap()
    expect(page.locator("#verify-h")).to_contain_text("Valid")
    return award


# ---- June: staff revoke both; every place agrees -------------------------------------------


def staff_revoke_the_badge_and_the_ce_record(
    year: Year, credential: IssuedCredential, award: CreditAward
) -> None:
    page = year.page
    log_in(year, STAFF, f"/staff/credentials/{credential.pk}")
    page.get_by_label("Reason for revoking").fill("Assessment answers were shared")
    page.get_by_role("button", name="Revoke credential").tap()
    expect(page.get_by_text("Revoked", exact=True).first).to_be_visible()
    page.goto(f"{year.base}/staff/webinars/{award.webinar_id}/credit")
    page.get_by_label("Why revoke (shown on the certificate page)").fill("Left after five minutes")
    page.get_by_role("button", name="Revoke").tap()
    expect(page.get_by_text(f"Revoked {MEMBER}")).to_be_visible()
    year.look("10-credit-revoked", "credit report after revoking")


def every_place_agrees_they_are_revoked(
    year: Year, credential: IssuedCredential, award: CreditAward
) -> None:
    page, course, webinar = year.page, year.course, year.webinar
    assert course is not None and webinar is not None
    # The public badge page, for anyone
    page.context.clear_cookies()
    page.goto(f"{year.base}/credentials/{credential.pk}")
    expect(page.locator("#verify-h")).to_contain_text("Not valid")
    expect(page.get_by_text("Assessment answers were shared")).to_be_visible()
    year.look("11-public-revoked", "revoked badge, public page")
    # The member's progress: neither the badge nor the pathway counts it
    log_in(year, MEMBER, "/me/progress/")
    row = page.locator("article.card", has_text=course.title).first
    expect(row.locator(".badge-earned")).to_have_count(0)
    expect(row).to_contain_text("revoked")
    pathway = page.locator("article.card", has_text=PATHWAY)
    expect(pathway).to_contain_text("0 of 1 micro-credentials held")
    expect(pathway).to_contain_text("Under review")
    year.look("12-progress-revoked", "progress after revoking")
    # and the pathway badge built on it waits for staff to decide whether it still stands
    assert IssuedCredential.objects.get(award__pathway__title=PATHWAY).needs_review
    # The CE transcript counts neither
    page.goto(f"{year.base}/ce/transcript/")
    expect(page.get_by_text("No credit in this period yet.")).to_be_visible()
    page.goto(f"{year.base}/ce/certificates/{award.pk}/")
    expect(page.get_by_role("status").first).to_contain_text("Left after five minutes")
    # The independent verifier reads both status lists and refuses both badges
    ce_credential = IssuedCredential.objects.get(ce_credit_id=award.pk)
    for revoked in (credential, ce_credential):
        outcome = the_independent_verifier_says(revoked)
        assert outcome["verified"] is False and "revocation" in outcome["error"], outcome


# ---- the year ----------------------------------------------------------------------------


def test_one_association_year_hands_over_from_recording_to_revocation(
    live_server: Any,
    phone_page: Page,
    media_root: Path,
    tmp_path: Path,
    settings: Any,
    smtp_inbox: Inbox,  # noqa: F811
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    settings.SITE_URL = live_server.url  # badge links and status lists are absolute
    credit_programs_install()  # shipped by a data migration, flushed between live-server tests
    # The operations lead is staff of the association's issuer: they may revoke its badges.
    issuer_default().staff.add(make_user(email=STAFF, role=Role.ADMIN))
    User.objects.filter(pk=make_user(email=MEMBER).pk).update(display_name="Ria Santos")
    with time_machine.travel(timezone.now(), tick=True) as clock:
        year = Year(
            phone_page,
            live_server.url,
            smtp_inbox,
            snap,
            check_accessible,
            check_fits_phone,
            clock,
        )
        staff_repurpose_the_recording_and_publish_the_lessons(year, tmp_path)
        member_finds_the_spoken_phrase_and_lands_at_its_second(year)
        member_asks_for_a_daily_review_digest(year)
        credential = member_subscribes_fails_retakes_and_earns(year)
        assert the_independent_verifier_says(credential) == {"verified": True, "error": None}

        reviews_come_due_in_the_digest_and_on_today(year)

        year.later(timedelta(days=20))
        member_registers_for_a_micro_webinar(year)
        assert year.webinar is not None
        year.later(year.webinar.ends_at + timedelta(hours=2) - timezone.now())
        staff_import_the_attendance_report(year, tmp_path)
        award = credit_and_its_badge_are_on_the_transcript(year)
        ce_credential = IssuedCredential.objects.get(ce_credit_id=award.pk)
        assert the_independent_verifier_says(ce_credential) == {"verified": True, "error": None}

        year.later(timedelta(days=30))
        staff_revoke_the_badge_and_the_ce_record(year, credential, award)
        every_place_agrees_they_are_revoked(year, credential, award)
