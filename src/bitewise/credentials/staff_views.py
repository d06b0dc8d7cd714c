"""Staff pages for credentials: list, review, revoke and reinstate; award one learner or a CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user, staff_required
from bitewise.accounts.audit import personal_data_read
from bitewise.common.email_csv import MAX_BYTES, BulkUploadError
from bitewise.common.limits import accepts_upload
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.bulk import bulk_award_create, bulk_award_resume
from bitewise.credentials.services.granting import GrantError, credential_grant
from bitewise.credentials.services.review import ReviewError, credential_review_resolve
from bitewise.credentials.services.revocation import (
    RevocationError,
    credential_reinstate,
    credential_revoke,
    credential_status_history,
)
from bitewise.credentials.staff_forms import (
    AwardForm,
    BulkUploadForm,
    CredentialFilterForm,
    ReinstateForm,
    ReviewForm,
    RevokeForm,
)
from bitewise.credentials.staff_selectors import (
    access_bulk_award,
    access_credential_for_staff,
    bulk_award_list,
    credential_list_for_staff,
)
from bitewise.engines.text.spreadsheet import defused

PAGE_SIZE = 50


@staff_required
def credential_list(request: HttpRequest) -> HttpResponse:
    form = CredentialFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    credentials = credential_list_for_staff(
        viewer=request_user(request),
        issuer_slug=filters["issuer"].slug if filters.get("issuer") else "",
        revoked=filters.get("revoked"),
        needs_review=bool(filters.get("needs_review")),
        query=filters.get("q", "").strip(),
    )
    page = Paginator(credentials, PAGE_SIZE).get_page(request.GET.get("page"))
    personal_data_read(
        request,
        target="credentials.list",
        detail={"filters": request.GET.dict(), "shown": len(page.object_list)},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "credentials/staff/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _detail(
    request: HttpRequest, credential: IssuedCredential, status: int = 200, **forms: Any
) -> HttpResponse:
    forms.setdefault("revoke_form", RevokeForm())
    forms.setdefault("reinstate_form", ReinstateForm())
    forms.setdefault("review_form", ReviewForm())
    context = {
        "credential": credential,
        "history": credential_status_history(credential=credential),
        "ce_certificate_url": _ce_certificate_url(credential),
        **forms,
    }
    return render(request, "credentials/staff/detail.html", context, status=status)


def _ce_certificate_url(credential: IssuedCredential) -> str:
    """The CE certificate a CE credit credential names as its evidence."""
    if credential.ce_credit_id is None:
        return ""
    evidence = credential.document.get("evidence") or [{}]
    return str(evidence[0].get("id") or "")


@staff_required
def credential_detail(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    credential = access_credential_for_staff(
        viewer=request_user(request), credential_id=credential_id
    )
    personal_data_read(request, target="credentials.credential", record=credential.pk)
    return _detail(request, credential)


def _status_change(
    request: HttpRequest,
    credential_id: UUID,
    form_class: type[RevokeForm] | type[ReinstateForm],
    change: Callable[..., object],
    done: str,
    form_name: str,
) -> HttpResponse:
    """Revoke or reinstate (``change``) with the reason the staff member gave; the detail
    page again with the form's error (400) when the form or the change refuses."""
    credential = access_credential_for_staff(
        viewer=request_user(request), credential_id=credential_id
    )
    form = form_class(request.POST)
    if form.is_valid():
        try:
            change(
                credential=credential, by=request_user(request), reason=form.cleaned_data["reason"]
            )
        except RevocationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("credentials_staff:detail", credential_id=credential.pk)
    return _detail(request, credential, status=400, **{form_name: form})


@staff_required
@require_POST
def credential_revoke_view(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    return _status_change(
        request, credential_id, RevokeForm, credential_revoke, "Credential revoked.", "revoke_form"
    )


@staff_required
@require_POST
def credential_reinstate_view(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    return _status_change(
        request,
        credential_id,
        ReinstateForm,
        credential_reinstate,
        "Credential reinstated.",
        "reinstate_form",
    )


@staff_required
@require_POST
def credential_review(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    credential = access_credential_for_staff(
        viewer=request_user(request), credential_id=credential_id
    )
    form = ReviewForm(request.POST)
    if form.is_valid():
        keep = form.cleaned_data["decision"] == "keep"
        try:
            credential_review_resolve(
                credential=credential,
                by=request_user(request),
                keep=keep,
                reason=form.cleaned_data["reason"],
            )
        except (ReviewError, RevocationError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Review cleared." if keep else "Credential revoked.")
            return redirect("credentials_staff:detail", credential_id=credential.pk)
    return _detail(request, credential, status=400, review_form=form)


@staff_required
def award(request: HttpRequest) -> HttpResponse:
    form = AwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        achievement = form.cleaned_data["achievement"]
        try:
            grant = credential_grant(
                by=request_user(request), email=form.cleaned_data["email"], achievement=achievement
            )
        except GrantError as exc:
            form.add_error(None, str(exc))
        else:
            email = grant.learner.email
            if grant.already_held:
                messages.info(request, f"{email} already holds “{achievement.title}”.")
            else:
                created = " A new account was created; they claim it via “Forgot your password?”."
                messages.success(
                    request,
                    f"Awarded “{achievement.title}” to {email}; the credential is being issued."
                    + (created if grant.account_created else ""),
                )
            return redirect("credentials_staff:award")
    status = 400 if request.method == "POST" else 200
    return render(request, "credentials/staff/award.html", {"form": form}, status=status)


@accepts_upload(MAX_BYTES)
@staff_required
def bulk_new(request: HttpRequest) -> HttpResponse:
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            bulk = bulk_award_create(
                by=request_user(request),
                achievement=form.cleaned_data["achievement"],
                filename=upload.name or "",
                data=upload.read(MAX_BYTES + 1),  # one byte over is enough to refuse it
            )
        except (BulkUploadError, GrantError) as exc:
            form.add_error("file" if isinstance(exc, BulkUploadError) else None, str(exc))
        else:
            return redirect("credentials_staff:bulk_detail", bulk_id=bulk.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "credentials/staff/bulk_new.html",
        {"form": form, "jobs": bulk_award_list(viewer=request_user(request))},
        status=status,
    )


@staff_required
def bulk_detail(request: HttpRequest, bulk_id: int) -> HttpResponse:
    bulk = access_bulk_award(viewer=request_user(request), bulk_id=bulk_id)
    personal_data_read(request, target="credentials.bulk_award", record=bulk.pk)
    return render(request, "credentials/staff/bulk_detail.html", {"bulk": bulk})


@staff_required
@require_POST
def bulk_resume(request: HttpRequest, bulk_id: int) -> HttpResponse:
    bulk_award_resume(bulk=access_bulk_award(viewer=request_user(request), bulk_id=bulk_id))
    return redirect("credentials_staff:bulk_detail", bulk_id=bulk_id)


@staff_required
def bulk_report(request: HttpRequest, bulk_id: int) -> HttpResponse:
    bulk = access_bulk_award(viewer=request_user(request), bulk_id=bulk_id)
    personal_data_read(request, target="credentials.bulk_award.report", record=bulk.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bulk-award-{bulk.pk}-report.csv"'
    writer = csv.writer(response)
    writer.writerow(["row", "email", "outcome", "reason"])
    for entry in bulk.report:
        cells = [entry["row"], entry["email"], entry["outcome"], entry["reason"]]
        writer.writerow([defused(cell) for cell in cells])
    return response
