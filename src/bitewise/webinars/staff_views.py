"""Staff pages for micro-webinars: schedule and publish, preview the credit each rule would
award, show attendance checks, import attendance reports and resolve who was who, credit,
recording and follow-up; and the CE credit programs. Authors edit; admins also publish,
cancel and change programs (as in the catalog)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bitewise.accounts.models import User
from bitewise.catalog.staff_views import admin_required, staff_required
from bitewise.engines.ce_credits import SHIPPED_RULES, CreditDecision, preview_all
from bitewise.engines.text.markdown import render_markdown
from bitewise.webinars import selectors
from bitewise.webinars.errors import WebinarError
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
from bitewise.webinars.services.attendance import (
    MAX_BYTES,
    attendance_import,
    unmatched_dismiss,
    unmatched_resolve,
)
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.services.credit import credits_evaluate, series_program
from bitewise.webinars.services.follow_up import attendees_enroll_follow_up, recording_attach
from bitewise.webinars.services.programs import credit_program_update
from bitewise.webinars.services.webinars import (
    webinar_cancel,
    webinar_create,
    webinar_publish,
    webinar_update,
)
from bitewise.webinars.staff_forms import (
    COMMON_ZONES,
    DismissForm,
    ImportForm,
    NewProgramForm,
    ProgramForm,
    RecordingForm,
    ResolveForm,
    WebinarForm,
)

LIST_LIMIT = 50


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # staff_required let them in
    return request.user


def _webinar(request: HttpRequest, webinar_id: UUID) -> Webinar:
    return selectors.access_webinar(webinar_id=webinar_id, user=_staff(request))


# ---- list, create, edit, publish, cancel ---------------------------------------------------


@staff_required
def webinar_list(request: HttpRequest) -> HttpResponse:
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
    return render(
        request,
        "webinars/staff/list.html",
        {
            "upcoming": published.filter(starts_at__gt=live_from).order_by("starts_at"),
            "past": published.filter(starts_at__lte=live_from).order_by("-starts_at")[:LIST_LIMIT],
            "drafts": webinars.filter(status=WebinarStatus.DRAFT).order_by("starts_at"),
            "cancelled": webinars.filter(status=WebinarStatus.CANCELLED).order_by("-starts_at")[
                :LIST_LIMIT
            ],
            "limit": LIST_LIMIT,
        },
    )


def _form_page(request: HttpRequest, form: WebinarForm, webinar: Webinar | None) -> HttpResponse:
    return render(
        request,
        "webinars/staff/form.html",
        {"form": form, "webinar": webinar},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def webinar_new(request: HttpRequest) -> HttpResponse:
    form = WebinarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            webinar = webinar_create(
                by=_staff(request), skills=list(form.cleaned_data["skills"]), **form.values()
            )
        except WebinarError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft saved. Check the credit preview, then publish.")
            return redirect("webinars_staff:detail", webinar_id=webinar.pk)
    return _form_page(request, form, None)


@staff_required
def webinar_edit(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    form = WebinarForm(request.POST or None, webinar=webinar)
    if request.method == "POST" and form.is_valid():
        try:
            webinar_update(
                webinar=webinar, skills=list(form.cleaned_data["skills"]), **form.values()
            )
        except WebinarError as exc:
            form.add_error(None, str(exc))
            webinar.refresh_from_db()  # the page header shows the stored values
        else:
            messages.success(request, "Saved.")
            return redirect("webinars_staff:detail", webinar_id=webinar.pk)
    return _form_page(request, form, webinar)


@admin_required
@require_POST
def webinar_publish_view(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    try:
        webinar_publish(webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Published: learners can now register.")
    return redirect("webinars_staff:detail", webinar_id=webinar.pk)


@admin_required
@require_POST
def webinar_cancel_view(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    webinar_cancel(webinar=webinar)
    messages.success(request, "Cancelled: registrants' calendars drop the event.")
    return redirect("webinars_staff:detail", webinar_id=webinar.pk)


# ---- the webinar's staff page --------------------------------------------------------------


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


def _preview(webinar: Webinar) -> Preview:
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


def _checks(webinar: Webinar) -> dict[str, Any]:
    now = timezone.now()
    checks = list(
        AttendanceCheck.objects.filter(webinar=webinar)
        .annotate(answer_count=Count("answers"))
        .order_by("-opens_at")
    )
    current = next((c for c in checks if c.opens_at <= now <= c.closes_at), None)
    return {"checks": checks, "open_check": current}


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _detail(
    request: HttpRequest, webinar: Webinar, *, status: int = 200, **forms: Any
) -> HttpResponse:
    forms.setdefault("import_form", ImportForm(initial={"time_zone": webinar.time_zone}))
    forms.setdefault("recording_form", RecordingForm())
    registrations = list(
        Registration.objects.filter(webinar=webinar)
        .select_related("learner")
        .order_by("created_at", "pk")
    )
    by_status = {
        state: [r for r in registrations if r.status == state] for state in RegistrationStatus
    }
    imports = (
        AttendanceImport.objects.filter(webinar=webinar)
        .select_related("uploaded_by")
        .annotate(
            still_open=Count(
                "unmatched_people", filter=Q(unmatched_people__status=UnmatchedStatus.OPEN)
            )
        )
    )
    return render(
        request,
        "webinars/staff/detail.html",
        {
            "webinar": webinar,
            "description": render_markdown(webinar.description),
            "program": series_program(webinar) or webinar.credit_program,
            "ended": webinar.ends_at <= timezone.now(),
            "preview": _preview(webinar),
            "registered": by_status[RegistrationStatus.REGISTERED],
            "waitlisted": by_status[RegistrationStatus.WAITLISTED],
            "cancelled": by_status[RegistrationStatus.CANCELLED],
            "imports": imports,
            "attendees": Attendance.objects.filter(webinar=webinar, minutes__gt=0).count(),
            "common_zones": COMMON_ZONES,
            "recording_length": _clock(webinar.recording_seconds or 0),
            **_checks(webinar),
            **forms,
        },
        status=status,
    )


@staff_required
def webinar_detail(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    return _detail(request, _webinar(request, webinar_id))


# ---- attendance checks -------------------------------------------------------------------


@staff_required
def checks(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    """The page to share on screen while the session runs: the open code, large."""
    webinar = _webinar(request, webinar_id)
    return render(request, "webinars/staff/checks.html", {"webinar": webinar, **_checks(webinar)})


@staff_required
@require_POST
def check_open_view(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    try:
        check = check_open(webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Code {check.code} is open until {check.closes_at:%H:%M} UTC.")
    return redirect("webinars_staff:checks", webinar_id=webinar.pk)


# ---- attendance reports ------------------------------------------------------------------


@staff_required
@require_POST
def import_new(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = attendance_import(
                webinar=webinar,
                by=_staff(request),
                filename=upload.name or "",
                data=upload.read(MAX_BYTES + 1),  # one byte over is enough to refuse it
                time_zone=form.cleaned_data["time_zone"].strip(),
                platform=form.cleaned_data["platform"],
            )
        except WebinarError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                f"Read {record.data_rows} rows: {record.matched} matched, "
                f"{record.unmatched} to resolve, {len(record.rejected)} rejected.",
            )
            return redirect("webinars_staff:import", webinar_id=webinar.pk, import_id=record.pk)
    return _detail(request, webinar, status=400, import_form=form)


def _import_page(
    request: HttpRequest,
    record: AttendanceImport,
    *,
    status: int = 200,
    row_errors: dict[int, str] | None = None,
) -> HttpResponse:
    people = list(record.unmatched_people.select_related("resolved_to", "resolved_by"))
    return render(
        request,
        "webinars/staff/import.html",
        {
            "webinar": record.webinar,
            "record": record,
            "people": people,
            "row_errors": row_errors or {},
            "resolve_form": ResolveForm(),
            "dismiss_form": DismissForm(),
        },
        status=status,
    )


@staff_required
def import_detail(request: HttpRequest, webinar_id: UUID, import_id: int) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    return _import_page(request, get_object_or_404(webinar.imports, pk=import_id))


def _unmatched(request: HttpRequest, webinar_id: UUID, unmatched_id: int) -> UnmatchedAttendee:
    webinar = _webinar(request, webinar_id)
    return get_object_or_404(
        UnmatchedAttendee.objects.select_related("attendance_import__webinar"),
        pk=unmatched_id,
        webinar=webinar,
    )


def _back_to_import(unmatched: UnmatchedAttendee) -> HttpResponse:
    return redirect(
        "webinars_staff:import",
        webinar_id=unmatched.webinar_id,
        import_id=unmatched.attendance_import_id,
    )


@staff_required
@require_POST
def unmatched_resolve_view(
    request: HttpRequest, webinar_id: UUID, unmatched_id: int
) -> HttpResponse:
    unmatched = _unmatched(request, webinar_id, unmatched_id)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        error = "Give the learner's email address."
    else:
        email = form.cleaned_data["email"]
        learner = User.objects.filter(email__iexact=email).first()
        if learner is None:
            error = f"No learner has the address {email}."
        else:
            try:
                unmatched_resolve(unmatched=unmatched, learner=learner, by=_staff(request))
            except WebinarError as exc:
                error = str(exc)
            else:
                messages.success(request, f"{unmatched.name or 'The row'} is now {learner.email}.")
                return _back_to_import(unmatched)
    return _import_page(
        request, unmatched.attendance_import, status=400, row_errors={unmatched.pk: error}
    )


@staff_required
@require_POST
def unmatched_dismiss_view(
    request: HttpRequest, webinar_id: UUID, unmatched_id: int
) -> HttpResponse:
    unmatched = _unmatched(request, webinar_id, unmatched_id)
    form = DismissForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        unmatched_dismiss(unmatched=unmatched, by=_staff(request), note=note)
    except WebinarError as exc:
        return _import_page(
            request, unmatched.attendance_import, status=400, row_errors={unmatched.pk: str(exc)}
        )
    messages.success(request, "Dismissed.")
    return _back_to_import(unmatched)


# ---- credit report -----------------------------------------------------------------------


@dataclass(frozen=True)
class CreditRow:
    learner: User
    registration: str
    minutes: Decimal | None
    awards: list[CreditAward]
    decision: CreditDecision | None


def _people(webinar: Webinar) -> list[User]:
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


def _credit_rows(
    webinar: Webinar, learners: Iterable[User], decisions: dict[int, CreditDecision]
) -> list[CreditRow]:
    registrations = {
        r.learner_id: r.get_status_display() for r in Registration.objects.filter(webinar=webinar)
    }
    minutes = {a.learner_id: a.minutes for a in Attendance.objects.filter(webinar=webinar)}
    scope = Q(webinar=webinar)
    if webinar.series_id is not None:
        scope |= Q(series_id=webinar.series_id)
    awards: dict[int, list[CreditAward]] = {}
    for award in CreditAward.objects.filter(scope).order_by("mode"):
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


@staff_required
def credit_report(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    """Read-only: the awards already kept, with the reasons they were computed with. A POST
    works credit out again from the evidence (credits_evaluate) and shows every decision."""
    webinar = _webinar(request, webinar_id)
    learners = _people(webinar)
    decisions: dict[int, CreditDecision] = {}
    recomputed = request.method == "POST"
    if recomputed:
        assessed = credits_evaluate(webinar=webinar, learners=learners)
        decisions = {a.learner.pk: a.decision for a in assessed}
        known = {learner.pk for learner in learners}
        # A series credited as a whole decides for everyone who attended any session.
        learners += [a.learner for a in assessed if a.learner.pk not in known]
    return render(
        request,
        "webinars/staff/credit.html",
        {
            "webinar": webinar,
            "program": series_program(webinar) or webinar.credit_program,
            "in_series": series_program(webinar) is not None,
            "rows": _credit_rows(webinar, learners, decisions),
            "recomputed": recomputed,
        },
    )


# ---- after the session -------------------------------------------------------------------


@staff_required
@require_POST
def recording(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    form = RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            recording_attach(
                webinar=webinar,
                seconds=form.cleaned_data["length"],
                upload=form.cleaned_data["upload"] or None,
                url=form.cleaned_data["url"],
            )
        except WebinarError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Recording saved: learners can watch it on demand.")
            return redirect("webinars_staff:detail", webinar_id=webinar.pk)
    webinar.refresh_from_db()
    return _detail(request, webinar, status=400, recording_form=form)


@staff_required
@require_POST
def follow_up(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = _webinar(request, webinar_id)
    try:
        count = attendees_enroll_follow_up(webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        title = webinar.follow_up.title if webinar.follow_up else ""
        messages.success(
            request, f"{count} attendee{'s' if count != 1 else ''} enrolled in “{title}”."
        )
    return redirect("webinars_staff:detail", webinar_id=webinar.pk)


# ---- credit programs ---------------------------------------------------------------------


@staff_required
def program_list(request: HttpRequest) -> HttpResponse:
    programs = CreditProgram.objects.order_by("-is_active", "code")
    return render(
        request,
        "webinars/staff/programs.html",
        {"programs": [(program, program.credit_rule) for program in programs]},
    )


def _program_details_save(program: CreditProgram, details: dict[str, Any]) -> None:
    # No service writes these certificate fields yet (see the report to the lead); kept
    # to one save of the named columns, in the caller's transaction.
    for name, value in details.items():
        setattr(program, name, value)
    program.save(update_fields=[*details, "updated_at"])


@admin_required
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = get_object_or_404(CreditProgram, pk=program_id)
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                credit_program_update(program=program, rule=form.rule())
                _program_details_save(program, form.details())
        except WebinarError as exc:
            form.add_error(None, str(exc))
            program.refresh_from_db()
        else:
            messages.success(request, f"Saved {program.code}: rule version {program.version}.")
            return redirect("webinars_staff:programs")
    return render(
        request,
        "webinars/staff/program_form.html",
        {"form": form, "program": program},
        status=400 if request.method == "POST" else 200,
    )


@admin_required
def program_new(request: HttpRequest) -> HttpResponse:
    """A copy of the ``custom`` template under a new code, to edit; offered once ticked."""
    form = NewProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        template = CreditProgram.objects.filter(code="custom").first()
        rule = template.credit_rule.to_dict() if template else SHIPPED_RULES["custom"].to_dict()
        try:
            with transaction.atomic():
                # Creating a program has no service yet (see the report to the lead).
                program = CreditProgram.objects.create(
                    code=code, rule={**rule, "code": code, "version": 1}, version=1, is_active=False
                )
        except IntegrityError:
            form.add_error("code", "A program with this code exists already.")
        else:
            messages.success(
                request,
                "Program created from the custom template. Set its numbers, then tick "
                "“Offered for new webinars”.",
            )
            return redirect("webinars_staff:program_edit", program_id=program.pk)
    return render(
        request,
        "webinars/staff/program_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
