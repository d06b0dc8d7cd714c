"""Staff pages of one micro-webinar's life: list, create, edit, publish, cancel, and its
page with the credit preview."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import admin_required, request_user, staff_required
from bitewise.webinars import staff_selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Webinar
from bitewise.webinars.services.webinars import (
    webinar_cancel,
    webinar_create,
    webinar_publish,
    webinar_update,
)
from bitewise.webinars.staff_forms.webinars import WebinarForm
from bitewise.webinars.staff_views.common import detail_page, webinar_for


@staff_required
def webinar_list(request: HttpRequest) -> HttpResponse:
    listed = staff_selectors.webinar_list_for_staff()
    return render(
        request,
        "webinars/staff/list.html",
        {
            "upcoming": listed.upcoming,
            "past": listed.past,
            "drafts": listed.drafts,
            "cancelled": listed.cancelled,
            "limit": listed.limit,
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
                by=request_user(request), skills=list(form.cleaned_data["skills"]), **form.values()
            )
        except WebinarError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft saved. Check the credit preview, then publish.")
            return redirect("webinars_staff:detail", webinar_id=webinar.pk)
    return _form_page(request, form, None)


@staff_required
def webinar_edit(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = webinar_for(request, webinar_id)
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
    webinar = webinar_for(request, webinar_id)
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
    webinar = webinar_for(request, webinar_id)
    webinar_cancel(webinar=webinar)
    messages.success(request, "Cancelled: registrants' calendars drop the event.")
    return redirect("webinars_staff:detail", webinar_id=webinar.pk)


@staff_required
def webinar_detail(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    return detail_page(request, webinar_for(request, webinar_id))
