"""Public credential pages, downloads, DID documents and status lists; a learner's own list."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user_or_none
from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway, Status
from bitewise.credentials import activity
from bitewise.credentials.activity import credential_activity
from bitewise.credentials.images import badge_png
from bitewise.credentials.models import StatusList
from bitewise.credentials.selectors import (
    access_issuer,
    access_own_credential,
    access_public_credential,
    credential_list_for_learner,
)
from bitewise.credentials.services.achievements import award_kind
from bitewise.credentials.services.checking import credential_check
from bitewise.credentials.services.exports import FORMATS, JWT_ALGORITHMS, credential_export
from bitewise.credentials.services.issuers import did_document, issuer_default, issuer_jwks
from bitewise.credentials.services.record import learner_record
from bitewise.credentials.services.sharing import credential_set_visibility, linkedin_url
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.credentials.urls_abs import credential_url

JSON_LD = "application/ld+json"
CHECK_LABELS = {
    "json": "Readable credential",
    "credential": "Credential shape",
    "schema": "Open Badges 3.0 structure",
    "proof": "Proof present",
    "cryptosuite": "Signature type",
    "key": "Issuer key found",
    "issuer": "Key belongs to the issuer",
    "canonicalization": "Every term declared",
    "signature": "Signature",
    "valid_from": "Already valid",
    "valid_until": "Not expired",
    "status": "Not revoked",
}


View = Callable[..., HttpResponse]


def cors_get(view: View) -> View:
    """Readable by scripts on any origin (browser-based verifiers), for GET only. No
    cookies are honoured cross-origin under ``*``, so a hidden credential stays hidden."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET"
            response["Access-Control-Allow-Headers"] = "Accept"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "OPTIONS"])
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def public(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    credential = access_public_credential(
        credential_id=credential_id, viewer=request_user_or_none(request)
    )
    document = credential.document
    subject = document.get("credentialSubject", {})
    achievement = subject.get("achievement", {})
    is_owner = request.user.is_authenticated and request.user.pk == credential.learner_id
    check = credential_check(credential)
    verification = check.result
    if not is_owner:
        credential_activity(activity.PAGE_VIEW)
    return render(
        request,
        "credentials/public.html",
        {
            "credential": credential,
            "achievement": achievement,
            "kind": award_kind(credential.award),
            "verification": verification,
            "checked_at": check.checked_at,
            "checks": [
                (CHECK_LABELS.get(c.name, c.name), c.outcome, c.reason) for c in verification.checks
            ],
            "linkedin_url": linkedin_url(credential),
            "page_url": credential_url(credential.pk),
            "is_owner": is_owner,
            "learner_name": credential.learner.display_name if credential.shows_name else "",
        },
    )


@cors_get
def download(request: HttpRequest, credential_id: UUID, fmt: str) -> HttpResponse:
    credential = access_public_credential(
        credential_id=credential_id, viewer=request_user_or_none(request)
    )
    if fmt == "json":
        fmt = "jsonld"
    if fmt not in FORMATS:
        raise Http404("Unknown format")
    content_type, extension = FORMATS[fmt]
    alg = request.GET.get("alg") or None
    if fmt == "jwt" and alg not in (None, *JWT_ALGORITHMS):
        return HttpResponse(
            f"Unknown alg; use one of {', '.join(JWT_ALGORITHMS)}.",
            status=400,
            content_type="text/plain",
        )
    response = HttpResponse(credential_export(credential, fmt, alg=alg), content_type=content_type)
    if request.method == "GET":
        credential_activity(activity.DOWNLOAD)
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{credential.pk}.{extension}"'
    )
    return response


def linkedin(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    """Count the click, then on to LinkedIn's add-to-profile form."""
    credential = access_public_credential(
        credential_id=credential_id, viewer=request_user_or_none(request)
    )
    if credential.is_revoked:
        raise Http404("A revoked credential cannot be added to a profile")
    credential_activity(activity.LINKEDIN)
    return redirect(linkedin_url(credential))


@login_required
@require_POST
def visibility(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    assert isinstance(request.user, User)
    credential = access_own_credential(credential_id=credential_id, learner=request.user)
    credential_set_visibility(
        credential=credential,
        is_hidden=request.POST.get("is_hidden") == "on",
        shows_name=request.POST.get("shows_name") == "on",
    )
    messages.success(request, "Sharing settings saved.")
    return redirect("credentials:public", credential_id=credential.pk)


@cors_get
def status_list(request: HttpRequest, list_id: UUID) -> HttpResponse:
    status = get_object_or_404(StatusList.objects.select_related("issuer"), pk=list_id)
    response = JsonResponse(status_list_credential(status_list=status), content_type=JSON_LD)
    response["Cache-Control"] = "no-cache"  # revocations must show at once
    return response


def achievement(request: HttpRequest, kind: str, slug: str, version: int) -> HttpResponse:
    if kind == "micro-credentials" and MicroCredential.objects.filter(slug=slug).exists():
        return redirect("catalog:micro_credential", slug=slug)
    if kind == "pathways" and Pathway.objects.filter(slug=slug).exists():
        return redirect("catalog:pathway", slug=slug)
    raise Http404("No such achievement")


def achievement_badge(request: HttpRequest, kind: str, slug: str, version: int) -> HttpResponse:
    model = {"micro-credentials": MicroCredential, "pathways": Pathway}.get(kind)
    # Only what has been public: a draft's title stays private.
    visible = [Status.PUBLISHED, Status.RETIRED]
    item = model.objects.filter(slug=slug, status__in=visible).first() if model else None
    if item is None:
        raise Http404("No such achievement")
    image = badge_png(
        title=item.title,
        issuer=issuer_default().name,
        kind="pathway" if kind == "pathways" else "micro_credential",
    )
    return HttpResponse(image, content_type="image/png")


@cors_get
def default_did(request: HttpRequest) -> HttpResponse:
    return JsonResponse(did_document(issuer=issuer_default()), content_type="application/did+json")


@cors_get
def issuer_did(request: HttpRequest, slug: str) -> HttpResponse:
    issuer = access_issuer(slug=slug)
    if issuer.is_default:
        return redirect("credentials:default_did")
    return JsonResponse(did_document(issuer=issuer), content_type="application/did+json")


@cors_get
def default_jwks(request: HttpRequest) -> HttpResponse:
    """The default issuer's keys as a JWK Set: each kid is what its VC-JWTs name."""
    return JsonResponse(
        issuer_jwks(issuer=issuer_default()), content_type="application/jwk-set+json"
    )


@cors_get
def issuer_jwks_view(request: HttpRequest, slug: str) -> HttpResponse:
    issuer = access_issuer(slug=slug)
    return JsonResponse(issuer_jwks(issuer=issuer), content_type="application/jwk-set+json")


def issuer_page(request: HttpRequest, slug: str) -> HttpResponse:
    issuer = access_issuer(slug=slug)
    return render(request, "credentials/issuer.html", {"issuer": issuer})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    return render(
        request,
        "credentials/mine.html",
        {"credentials": credential_list_for_learner(learner=request.user)},
    )


@login_required
def record(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    body = json.dumps(learner_record(learner=request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type=JSON_LD)
    response["Content-Disposition"] = 'attachment; filename="learner-record.json"'
    return response
