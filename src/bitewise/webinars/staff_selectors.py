"""Reads for the staff micro-webinar pages. Any staff member may look at webinars; their
people (registrants, attendance reports, credit) only admins and the webinar's host, who
created it. The views say who may change what (authors edit; admins publish, cancel,
revoke and change programs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.ce_credits import CreditDecision, CreditRule, preview_all
from bitewise.webinars.models import (
    MAX_MINUTES,
    Attendance,
    AttendanceCheck,
    AttendanceImport,
    CreditAward,
    CreditProgram,
    Registration,
    RegistrationStatus,
    UnmatchedAttendee,
    UnmatchedStatus,
    Webinar,
    WebinarStatus,
)
from bitewise.webinars.services.credit import Assessed, series_program

LIST_LIMIT = 50


def may_see_people(viewer: User, webinar: Webinar) -> bool:
    """Registrants, attendance and credit are for admins and the webinar's host."""
    return viewer.is_staff_admin or (
        webinar.created_by_id is not None and webinar.created_by_id == viewer.pk
    )


# ---- the list page -----------------------------------------------------------------------


@dataclass(frozen=True)
class StaffWebinarList:
    upcoming: QuerySet[Webinar]
    past: QuerySet[Webinar]
    drafts: QuerySet[Webinar]
    cancelled: QuerySet[Webinar]
    limit: int


def webinar_list_for_staff(*, limit: int = LIST_LIMIT) -> StaffWebinarList:
    """Every webinar by state, with its registered and waiting counts; the past and the
    cancelled are cut at ``limit`` (older ones are in the Django admin)."""
    webinars = Webinar.objects.select_related("credit_program", "series").annotate(
        registered=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        ),
        waitlisted=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )
    # A session that started less than the longest length ago may still be on.
    live_from = timezone.now() - timedelta(minutes=MAX_MINUTES)
    published = webinars.filter(status=WebinarStatus.PUBLISHED)
    return StaffWebinarList(
        upcoming=published.filter(starts_at__gt=live_from).order_by("starts_at"),
        past=published.filter(starts_at__lte=live_from).order_by("-starts_at")[:limit],
        drafts=webinars.filter(status=WebinarStatus.DRAFT).order_by("starts_at"),
        cancelled=webinars.filter(status=WebinarStatus.CANCELLED).order_by("-starts_at")[:limit],
        limit=limit,
    )


# ---- the webinar's page ------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    program: CreditProgram
    decision: CreditDecision
    is_chosen: bool


@dataclass(frozen=True)
class Preview:
    session_minutes: list[int]
    series_title: str
    rows: list[PreviewRow]


def webinar_preview(webinar: Webinar) -> Preview:
    """What each program would award a learner who attends all, answers every planned
    check and passes the assessment: the session's length, or the series' lengths when
    the series is credited as a whole."""
    bundled = series_program(webinar)
    chosen = bundled or webinar.credit_program
    if bundled is not None and webinar.series is not None:
        minutes = list(
            webinar.series.webinars.exclude(status=WebinarStatus.CANCELLED)
            .order_by("starts_at")
            .values_list("duration_minutes", flat=True)
        )
        series_title = webinar.series.title
    else:
        minutes, series_title = [webinar.duration_minutes], ""
    where = Q(is_active=True) | Q(pk=chosen.pk) if chosen else Q(is_active=True)
    programs = list(CreditProgram.objects.filter(where).order_by("code"))
    decisions = preview_all(
        session_minutes=[Decimal(m) for m in minutes],
        checks_planned=webinar.checks_planned,
        has_assessment=webinar.assessment_id is not None,
        rules={program.code: program.credit_rule for program in programs},
    )
    rows = [
        PreviewRow(program, decision, chosen is not None and program.pk == chosen.pk)
        for program, decision in zip(programs, decisions, strict=True)
    ]
    return Preview(minutes, series_title, rows)


@dataclass(frozen=True)
class ChecksShown:
    checks: Sequence[AttendanceCheck]  # latest first, each with its ``answer_count``
    open_check: AttendanceCheck | None


def checks_shown(webinar: Webinar) -> ChecksShown:
    now = timezone.now()
    checks = list(
        AttendanceCheck.objects.filter(webinar=webinar)
        .annotate(answer_count=Count("answers"))
        .order_by("-opens_at")
    )
    current = next((c for c in checks if c.opens_at <= now <= c.closes_at), None)
    return ChecksShown(checks, current)


def registrations_by_status(webinar: Webinar) -> dict[str, list[Registration]]:
    """Each status's registrations, oldest first (the waiting list's order)."""
    registrations = list(
        Registration.objects.filter(webinar=webinar)
        .select_related("learner")
        .order_by("created_at", "pk")
    )
    return {state: [r for r in registrations if r.status == state] for state in RegistrationStatus}


def imports_for_webinar(webinar: Webinar) -> QuerySet[AttendanceImport]:
    """The webinar's attendance reports, each with ``still_open``: rows left to resolve."""
    return (
        AttendanceImport.objects.filter(webinar=webinar)
        .select_related("uploaded_by")
        .annotate(
            still_open=Count(
                "unmatched_people", filter=Q(unmatched_people__status=UnmatchedStatus.OPEN)
            )
        )
    )


def attendee_count(webinar: Webinar) -> int:
    return Attendance.objects.filter(webinar=webinar, minutes__gt=0).count()


# ---- attendance reports ------------------------------------------------------------------


def access_attendance_import(*, webinar: Webinar, import_id: int) -> AttendanceImport:
    record = AttendanceImport.objects.filter(webinar=webinar, pk=import_id).first()
    if record is None:
        raise Http404("No such attendance report")
    return record


def unmatched_people(record: AttendanceImport) -> list[UnmatchedAttendee]:
    return list(record.unmatched_people.select_related("resolved_to", "resolved_by"))


def access_unmatched(*, webinar: Webinar, unmatched_id: int) -> UnmatchedAttendee:
    unmatched = (
        UnmatchedAttendee.objects.select_related("attendance_import__webinar")
        .filter(pk=unmatched_id, webinar=webinar)
        .first()
    )
    if unmatched is None:
        raise Http404("No such row")
    return unmatched


def learner_by_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


# ---- credit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreditRow:
    learner: User
    registration: str
    minutes: Decimal | None
    awards: list[CreditAward]
    decision: CreditDecision | None


def credit_report_people(webinar: Webinar) -> list[User]:
    """Every registrant, every attendee and everyone holding credit for the session."""
    return list(
        User.objects.filter(
            Q(webinar_registrations__webinar=webinar)
            | Q(webinar_attendances__webinar=webinar)
            | Q(credit_awards__webinar=webinar)
        )
        .distinct()
        .order_by("email")
    )


def _award_scope(webinar: Webinar) -> Q:
    """The session's awards, and the series' when the series is credited as a whole."""
    scope = Q(webinar=webinar)
    if webinar.series_id is not None:
        scope |= Q(series_id=webinar.series_id)
    return scope


def credit_report_rows(webinar: Webinar, *, assessed: Sequence[Assessed] = ()) -> list[CreditRow]:
    """One row per person, with the awards kept; with ``assessed`` (credit just worked
    out again), each one's decision too."""
    learners = credit_report_people(webinar)
    known = {learner.pk for learner in learners}
    # A series credited as a whole decides for everyone who attended any session.
    learners += [a.learner for a in assessed if a.learner.pk not in known]
    decisions = {a.learner.pk: a.decision for a in assessed}
    registrations = {
        r.learner_id: r.get_status_display() for r in Registration.objects.filter(webinar=webinar)
    }
    minutes = {a.learner_id: a.minutes for a in Attendance.objects.filter(webinar=webinar)}
    awards: dict[int, list[CreditAward]] = {}
    for award in CreditAward.objects.filter(_award_scope(webinar)).order_by("mode"):
        awards.setdefault(award.learner_id, []).append(award)
    return [
        CreditRow(
            learner=learner,
            registration=registrations.get(learner.pk, "Not registered"),
            minutes=minutes.get(learner.pk),
            awards=awards.get(learner.pk, []),
            decision=decisions.get(learner.pk),
        )
        for learner in learners
    ]


def access_credit_award_for_webinar(*, webinar: Webinar, award_id: UUID) -> CreditAward:
    """An award shown on the webinar's credit report; 404 for any other."""
    award = (
        CreditAward.objects.select_related("learner")
        .filter(_award_scope(webinar), pk=award_id)
        .first()
    )
    if award is None:
        raise Http404("No such award for this webinar")
    return award


def credit_programs_for_staff() -> list[tuple[CreditProgram, CreditRule]]:
    """Offered programs first, each with its rule."""
    programs = CreditProgram.objects.order_by("-is_active", "code")
    return [(program, program.credit_rule) for program in programs]


def access_credit_program(*, program_id: int) -> CreditProgram:
    program = CreditProgram.objects.filter(pk=program_id).first()
    if program is None:
        raise Http404("No such credit program")
    return program
