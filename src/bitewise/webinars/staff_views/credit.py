"""The webinar's CE credit report: the awards kept, credit worked out again on request,
and an admin's revocation (or reinstatement) of an award, with the reason the certificate
page shows."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import admin_required, request_user, staff_required
from bitewise.accounts.audit import personal_data_read
from bitewise.webinars import staff_selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Webinar
from bitewise.webinars.services.ce_credentials import credit_award_reinstate, credit_award_revoke
from bitewise.webinars.services.credit import Assessed, credits_evaluate, series_program
from bitewise.webinars.staff_forms.attendance import RevokeForm
from bitewise.webinars.staff_views.common import people_webinar_for


def _report_page(
    request: HttpRequest,
    webinar: Webinar,
    *,
    assessed: Sequence[Assessed] | None = None,
    error: tuple[UUID, str] | None = None,
) -> HttpResponse:
    error_award, error_text = error or (None, "")
    return render(
        request,
        "webinars/staff/credit.html",
        {
            "webinar": webinar,
            "program": series_program(webinar) or webinar.credit_program,
            "in_series": series_program(webinar) is not None,
            "rows": staff_selectors.credit_report_rows(webinar, assessed=assessed or ()),
            "recomputed": assessed is not None,
            "error_award": error_award,
            "error": error_text,
        },
        status=400 if error else 200,
    )


@staff_required
def credit_report(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    """Read-only: the awards already kept, with the reasons they were computed with. A POST
    works credit out again from the evidence (credits_evaluate) and shows every decision."""
    webinar = people_webinar_for(request, webinar_id)
    personal_data_read(request, target="webinars.credit_report", record=webinar.pk)
    if request.method != "POST":
        return _report_page(request, webinar)
    learners = staff_selectors.credit_report_people(webinar)
    return _report_page(
        request, webinar, assessed=credits_evaluate(webinar=webinar, learners=learners)
    )


@admin_required
@require_POST
def credit_revoke(request: HttpRequest, webinar_id: UUID, award_id: UUID) -> HttpResponse:
    webinar = people_webinar_for(request, webinar_id)
    award = staff_selectors.access_credit_award_for_webinar(webinar=webinar, award_id=award_id)
    form = RevokeForm(request.POST)
    form.full_clean()  # never invalid: the service judges the reason
    try:
        credit_award_revoke(
            award=award, by=request_user(request), reason=form.cleaned_data["reason"]
        )
    except WebinarError as exc:
        return _report_page(request, webinar, error=(award.pk, str(exc)))
    messages.success(request, f"Revoked {award.learner.email}'s {award.credit} {award.unit}.")
    return redirect("webinars_staff:credit", webinar_id=webinar.pk)


@admin_required
@require_POST
def credit_reinstate(request: HttpRequest, webinar_id: UUID, award_id: UUID) -> HttpResponse:
    webinar = people_webinar_for(request, webinar_id)
    award = staff_selectors.access_credit_award_for_webinar(webinar=webinar, award_id=award_id)
    form = RevokeForm(request.POST)
    form.full_clean()
    try:
        credit_award_reinstate(
            award=award, by=request_user(request), reason=form.cleaned_data["reason"]
        )
    except WebinarError as exc:
        return _report_page(request, webinar, error=(award.pk, str(exc)))
    messages.success(request, f"Reinstated {award.learner.email}'s {award.credit} {award.unit}.")
    return redirect("webinars_staff:credit", webinar_id=webinar.pk)
