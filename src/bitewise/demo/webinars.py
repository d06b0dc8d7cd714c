"""Demo micro-webinars: one the learner attended (with credit, a certificate and the
recording for self-study), a four-part NASBA series half done, and sessions to come."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential, Skill
from bitewise.webinars.models import CreditProgram, Registration, Series, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.checks import check_answer, check_open
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.webinars import webinar_create, webinar_publish

ZONE = "America/Chicago"
STATEMENT = (
    "Bitewise Demo Association is registered with the National Association of State Boards "
    "of Accountancy (NASBA) as a sponsor of continuing professional education on the "
    "National Registry of CPE Sponsors. (Demo text: not a real registration.)"
)


def _at(days: int, hour: int) -> datetime:
    """``days`` from today at ``hour``:00 UTC, whole minutes (stable across reloads)."""
    day = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return day + timedelta(days=days)


def load_webinars(
    *,
    staff: User,
    learner: User,
    skills: dict[str, Skill],
    lessons: dict[str, Lesson],
    micro_credentials: dict[str, MicroCredential],
    recording_name: str,
    recording_seconds: int,
) -> int:
    """Create what is missing (matched by title); returns how many webinars exist."""
    credit_programs_install()
    programs = {p.code: p for p in CreditProgram.objects.all()}
    nasba = programs["nasba-group-internet"]
    if not nasba.approver_statement:
        CreditProgram.objects.filter(code__startswith="nasba").update(
            approver_statement=STATEMENT, credit_type="Accounting", sponsor_id="000000"
        )
    series, _ = Series.objects.get_or_create(
        title="Lease accounting in four 15-minute parts",
        defaults={"credit_program": nasba, "description": "ASC 842 in four short sessions."},
    )
    quiz = lessons.get("check-handoffs-and-sbar")
    specs = [
        # title, start, extra fields, attended minutes (None: not attended)
        (
            "Hand hygiene: the 5 moments in 15 minutes",
            _at(-6, 15),
            {
                # A nursing session: nursing contact hours, live and from the recording.
                "credit_program": programs["ancc-contact-hours"],
                "self_study_program": programs["ancc-contact-hours"],
                "assessment": quiz,
                "follow_up": micro_credentials.get("safe-handoffs-with-sbar"),
            },
            15,
        ),
        (
            "Lease accounting, part 1: scope and definitions",
            _at(-9, 16),
            {"series": series, "checks_planned": 1},
            15,
        ),
        (
            "Lease accounting, part 2: measuring the liability",
            _at(-2, 16),
            {"series": series, "checks_planned": 1},
            15,
        ),
        (
            "Lease accounting, part 3: the right-of-use asset",
            _at(5, 16),
            {"series": series, "checks_planned": 1},
            None,
        ),
        (
            "Lease accounting, part 4: disclosures",
            _at(12, 16),
            {"series": series, "checks_planned": 1},
            None,
        ),
        (
            "Sepsis screening at triage",
            _at(2, 17),
            {
                "credit_program": programs["ancc-contact-hours"],
                "capacity": 40,
                "checks_planned": 1,
            },
            None,
        ),
        (
            "Privacy by design: a 10-minute briefing",
            _at(1, 14),
            {
                "duration_minutes": 10,
                "capacity": 25,
            },
            None,
        ),
    ]
    for title, starts_at, extra, attended in specs:
        if Webinar.objects.filter(title=title).exists():
            continue
        fields = {
            "title": title,
            "description": f"A short live session: **{title}**. Bring one question.",
            "presenter": "Dr. Morgan Ellis" if "Lease" not in title else "Priya Shah, CPA",
            "starts_at": starts_at,
            "time_zone": ZONE,
            "duration_minutes": 15,
            "capacity": 0,
            "join_url": "https://meet.example.org/j/bitewise-demo",
            **extra,
        }
        webinar = webinar_create(by=staff, **fields)
        _publish(webinar)
        if attended is None:
            registration_create(learner=learner, webinar=webinar)
            continue
        _attend(webinar, learner, minutes=attended)
        if "Hand hygiene" in title:
            Webinar.objects.filter(pk=webinar.pk).update(
                recording_file=recording_name, recording_seconds=recording_seconds
            )
    return Webinar.objects.count()


def _publish(webinar: Webinar) -> None:
    """Publish (which refuses past sessions) as if it had been published in time."""
    real_start = webinar.starts_at
    if webinar.ends_at <= timezone.now():
        Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() + timedelta(days=1))
        webinar.refresh_from_db()
    webinar_publish(webinar=webinar)
    Webinar.objects.filter(pk=webinar.pk).update(starts_at=real_start)
    webinar.refresh_from_db()


def _attend(webinar: Webinar, learner: User, *, minutes: int) -> None:
    """The learner registered, answered the planned checks and shows in the report."""
    Registration.objects.get_or_create(
        webinar=webinar, learner=learner, defaults={"status": "registered"}
    )
    for n in range(webinar.checks_planned):
        shown = webinar.starts_at + timedelta(minutes=4 + 5 * n)
        check = check_open(webinar=webinar, now=shown)
        check_answer(
            learner=learner, webinar=webinar, code=check.code, now=shown + timedelta(minutes=1)
        )
    start = webinar.starts_at - timedelta(minutes=1)
    end = webinar.starts_at + timedelta(minutes=minutes)
    report = (
        "Email,Name,Join Time,Leave Time\n"
        f"{learner.email},{learner.display_name},{start.isoformat()},{end.isoformat()}\n"
        f"guest.presenter@example.org,Guest presenter,{start.isoformat()},{end.isoformat()}\n"
    )
    attendance_import(
        webinar=webinar, by=None, filename="zoom-participants.csv", data=report.encode()
    )
