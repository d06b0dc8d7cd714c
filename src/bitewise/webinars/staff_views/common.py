"""What the staff webinar views share: who is asking, which webinar, and the webinar's
page, which the import and recording forms show again when the service refuses them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bitewise.accounts.access import request_user
from bitewise.accounts.audit import personal_data_read
from bitewise.engines.text.clock import clock
from bitewise.engines.text.markdown import render_markdown
from bitewise.webinars import selectors, staff_selectors
from bitewise.webinars.models import RegistrationStatus, Webinar
from bitewise.webinars.services.credit import series_program
from bitewise.webinars.staff_forms.attendance import ImportForm, RecordingForm
from bitewise.webinars.staff_forms.webinars import COMMON_ZONES


def webinar_for(request: HttpRequest, webinar_id: UUID) -> Webinar:
    return selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))


def people_webinar_for(request: HttpRequest, webinar_id: UUID) -> Webinar:
    """The webinar, for a page that shows or changes its people: 403 unless the viewer is
    an admin or the webinar's host."""
    webinar = webinar_for(request, webinar_id)
    if not staff_selectors.may_see_people(request_user(request), webinar):
        raise PermissionDenied(
            "Only the webinar's host (who created it) and admins see its people."
        )
    return webinar


def detail_page(
    request: HttpRequest, webinar: Webinar, *, status: int = 200, **forms: Any
) -> HttpResponse:
    forms.setdefault("import_form", ImportForm(initial={"time_zone": webinar.time_zone}))
    forms.setdefault("recording_form", RecordingForm())
    by_status = staff_selectors.registrations_by_status(webinar)
    people_shown = staff_selectors.may_see_people(request_user(request), webinar)
    if people_shown:
        personal_data_read(request, target="webinars.registrations", record=webinar.pk)
    shown = staff_selectors.checks_shown(webinar)
    return render(
        request,
        "webinars/staff/detail.html",
        {
            "webinar": webinar,
            "description": render_markdown(webinar.description),
            "program": series_program(webinar) or webinar.credit_program,
            "ended": webinar.ends_at <= timezone.now(),
            "preview": staff_selectors.webinar_preview(webinar),
            "registered": by_status[RegistrationStatus.REGISTERED],
            "waitlisted": by_status[RegistrationStatus.WAITLISTED],
            "cancelled": by_status[RegistrationStatus.CANCELLED],
            "people_shown": people_shown,
            "imports": staff_selectors.imports_for_webinar(webinar),
            "attendees": staff_selectors.attendee_count(webinar),
            "common_zones": COMMON_ZONES,
            "recording_length": clock(webinar.recording_seconds or 0),
            "checks": shown.checks,
            "open_check": shown.open_check,
            **forms,
        },
        status=status,
    )
