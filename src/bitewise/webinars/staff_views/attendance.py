"""Attendance: the check codes shown during the session, and the platform's attendance
reports, with the people in them who are not registrants resolved or dismissed."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.accounts.audit import personal_data_read
from bitewise.common.limits import accepts_upload
from bitewise.webinars import staff_selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import AttendanceImport, UnmatchedAttendee
from bitewise.webinars.services.attendance import (
    MAX_BYTES,
    attendance_import,
    unmatched_dismiss,
    unmatched_resolve,
)
from bitewise.webinars.services.attendance import MAX_BYTES as MAX_REPORT_BYTES
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.staff_forms.attendance import DismissForm, ImportForm, ResolveForm
from bitewise.webinars.staff_views.common import (
    detail_page,
    people_webinar_for,
    webinar_for,
)

# ---- attendance checks -------------------------------------------------------------------


@staff_required
def checks(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    """The page to share on screen while the session runs: the open code, large."""
    webinar = webinar_for(request, webinar_id)
    shown = staff_selectors.checks_shown(webinar)
    return render(
        request,
        "webinars/staff/checks.html",
        {"webinar": webinar, "checks": shown.checks, "open_check": shown.open_check},
    )


@staff_required
@require_POST
def check_open_view(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = webinar_for(request, webinar_id)
    try:
        check = check_open(webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Code {check.code} is open until {check.closes_at:%H:%M} UTC.")
    return redirect("webinars_staff:checks", webinar_id=webinar.pk)


# ---- attendance reports ------------------------------------------------------------------


@accepts_upload(MAX_REPORT_BYTES)
@staff_required
@require_POST
def import_new(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = people_webinar_for(request, webinar_id)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = attendance_import(
                webinar=webinar,
                by=request_user(request),
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
    return detail_page(request, webinar, status=400, import_form=form)


def _import_page(
    request: HttpRequest,
    record: AttendanceImport,
    *,
    status: int = 200,
    row_errors: dict[int, str] | None = None,
) -> HttpResponse:
    return render(
        request,
        "webinars/staff/import.html",
        {
            "webinar": record.webinar,
            "record": record,
            "people": staff_selectors.unmatched_people(record),
            "row_errors": row_errors or {},
            "resolve_form": ResolveForm(),
            "dismiss_form": DismissForm(),
        },
        status=status,
    )


@staff_required
def import_detail(request: HttpRequest, webinar_id: UUID, import_id: int) -> HttpResponse:
    webinar = people_webinar_for(request, webinar_id)
    record = staff_selectors.access_attendance_import(webinar=webinar, import_id=import_id)
    personal_data_read(request, target="webinars.attendance_import", record=record.pk)
    return _import_page(request, record)


def _unmatched(request: HttpRequest, webinar_id: UUID, unmatched_id: int) -> UnmatchedAttendee:
    webinar = people_webinar_for(request, webinar_id)
    return staff_selectors.access_unmatched(webinar=webinar, unmatched_id=unmatched_id)


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
        learner = staff_selectors.learner_by_email(email)
        if learner is None:
            error = f"No learner has the address {email}."
        else:
            try:
                unmatched_resolve(unmatched=unmatched, learner=learner, by=request_user(request))
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
        unmatched_dismiss(unmatched=unmatched, by=request_user(request), note=note)
    except WebinarError as exc:
        return _import_page(
            request, unmatched.attendance_import, status=400, row_errors={unmatched.pk: str(exc)}
        )
    messages.success(request, "Dismissed.")
    return _back_to_import(unmatched)
