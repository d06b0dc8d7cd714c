"""After the session: attach the recording (for on-demand viewing and self-study credit)
and enrol the attendees in the follow-up micro-credential."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from bitewise.accounts.access import staff_required
from bitewise.common.limits import accepts_upload
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.services.follow_up import attendees_enroll_follow_up, recording_attach
from bitewise.webinars.staff_forms.attendance import RecordingForm
from bitewise.webinars.staff_views.common import detail_page, webinar_for


@accepts_upload("BITEWISE_MAX_MEDIA_BYTES")
@staff_required
@require_POST
def recording(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = webinar_for(request, webinar_id)
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
    return detail_page(request, webinar, status=400, recording_form=form)


@staff_required
@require_POST
def follow_up(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = webinar_for(request, webinar_id)
    try:
        result = attendees_enroll_follow_up(webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        title = webinar.follow_up.title if webinar.follow_up else ""
        count = result.enrolled
        messages.success(
            request, f"{count} attendee{'s' if count != 1 else ''} enrolled in “{title}”."
        )
        if result.refused:
            messages.warning(
                request,
                f"{result.refused} not enrolled: “{title}” is members only or priced for "
                "them. They can join or buy it from its page.",
            )
    return redirect("webinars_staff:detail", webinar_id=webinar.pk)
