"""Webinars API: upcoming micro-webinars, registration, attendance checks, recording
heartbeats, the CE transcript and public certificate verification.

Learner routes act on the caller's own registrations and credit only."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from bitewise.accounts.access import request_user
from bitewise.accounts.addresses import client_address
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.accounts.limits import attendance_code_rule
from bitewise.accounts.models import User
from bitewise.accounts.throttle import throttle_attempt
from bitewise.common.pagination import Paginated
from bitewise.credentials.urls_abs import credential_url
from bitewise.webinars import selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Registration, RegistrationStatus
from bitewise.webinars.schemas import (
    AttendanceCheckOut,
    CertificateOut,
    CheckIn,
    HeartbeatIn,
    HeartbeatOut,
    MyWebinarOut,
    RegistrationOut,
    TranscriptQuery,
    TranscriptRowOut,
    WebinarDetailOut,
    WebinarOut,
)
from bitewise.webinars.services.checks import check_answer
from bitewise.webinars.services.registration import registration_cancel, registration_create
from bitewise.webinars.services.standing import credit_award_standing
from bitewise.webinars.services.transcripts import TranscriptFilter, transcript_rows
from bitewise.webinars.services.viewing import viewing_heartbeat

router = Router(tags=["webinars"], auth=AUTH)


def _anonymous(request: HttpRequest) -> bool:
    # Public reads still show the caller's own registration when they authenticate; a
    # bad bearer token is a 401, not a silent fall back to anonymous.
    return "Authorization" not in request.headers


@contextmanager
def _refusals() -> Iterator[None]:
    """A rule the service refuses becomes ``{"detail": message}`` with its status."""
    try:
        yield
    except WebinarError as exc:
        raise HttpError(exc.status_code, str(exc)) from exc


def _registration(registration: Registration) -> dict[str, Any]:
    return {
        "webinar_id": registration.webinar_id,
        "status": registration.status,
        "registered_at": registration.created_at,
        "seated_at": registration.seated_at,
    }


@router.get("/webinars", response=list[WebinarOut], auth=None)
@paginate(Paginated)
def webinar_list(request: HttpRequest) -> Any:
    """Published sessions, from any now in progress onwards, soonest first."""
    return selectors.webinars_upcoming().select_related("series__credit_program")


@router.get("/webinars/{webinar_id}", response=WebinarDetailOut, auth=[*AUTH, _anonymous])
def webinar_detail(request: HttpRequest, webinar_id: UUID) -> Any:
    """Anyone may read a published webinar; authenticate to see your own registration."""
    user = request.user if isinstance(request.user, User) else None
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=user)
    registration = selectors.registration_for(learner=user, webinar=webinar) if user else None
    webinar.caller_registration = registration.status if registration else None  # type: ignore[attr-defined]
    return webinar


@router.post("/webinars/{webinar_id}/registration", response={201: RegistrationOut, 400: Error})
def register(request: HttpRequest, webinar_id: UUID) -> Any:
    """Take a seat, or a place on the waiting list when the session is full."""
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    with _refusals():
        registration = registration_create(learner=request_user(request), webinar=webinar)
    return Status(201, _registration(registration))


@router.delete("/webinars/{webinar_id}/registration", response={200: RegistrationOut, 404: Error})
def cancel(request: HttpRequest, webinar_id: UUID) -> Any:
    """Withdraw; the first person on the waiting list gets the seat."""
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    registration = selectors.registration_for(learner=request_user(request), webinar=webinar)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise Http404("Not registered")
    return _registration(registration_cancel(registration=registration))


@router.get("/me/webinars", response=list[MyWebinarOut])
def my_webinars(request: HttpRequest) -> Any:
    return [
        {"webinar": r.webinar, "status": r.status, "registered_at": r.created_at}
        for r in selectors.registrations_for_learner(request_user(request))
    ]


@router.post("/webinars/{webinar_id}/checks", response={201: AttendanceCheckOut, 400: Error})
def answer_check(request: HttpRequest, webinar_id: UUID, payload: CheckIn) -> Any:
    """Type the code shown during the live session to prove presence."""
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    guess = {"address": client_address(request), "account": f"user:{request_user(request).pk}"}
    with _refusals(), throttle_attempt(attendance_code_rule(), **guess, failing=WebinarError):
        answer = check_answer(learner=request_user(request), webinar=webinar, code=payload.code)
    return Status(201, {"code": answer.attendance_check.code, "answered_at": answer.answered_at})


@router.post("/webinars/{webinar_id}/heartbeats", response={200: HeartbeatOut, 400: Error})
def heartbeat(request: HttpRequest, webinar_id: UUID, payload: HeartbeatIn) -> Any:
    """The recording player reports the span [start, end) seconds just played."""
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    with _refusals():
        viewing = viewing_heartbeat(
            learner=request_user(request), webinar=webinar, start=payload.start, end=payload.end
        )
    return {"watched_seconds": viewing.seconds, "of_seconds": webinar.recording_seconds}


@router.get("/me/ce-credits", response={200: list[TranscriptRowOut], 400: Error})
def my_ce_credits(request: HttpRequest, filters: Query[TranscriptQuery]) -> Any:
    """The CE transcript: webinar credit and micro-credentials that carry CE credit."""
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        return Status(400, {"detail": "date_from must be on or before date_to."})
    where = TranscriptFilter(
        date_from=filters.date_from, date_to=filters.date_to, unit=filters.unit.strip()
    )
    return [
        {
            "date": row.activity_date,
            "title": row.activity_title,
            "provider": row.provider_name,
            "credit": str(row.credit),
            "unit": row.credit_unit,
            "credit_type": row.credit_type,
            "delivery_method": row.delivery_method,
            "certificate_id": row.certificate_id,
            "verify_url": row.verify_url,
        }
        for row in transcript_rows(learner=request_user(request), where=where)
    ]


@router.get("/certificates/{award_id}", response=CertificateOut, auth=None)
def certificate(request: HttpRequest, award_id: UUID) -> Any:
    """Public verification of a CE certificate, as its QR code's page shows it."""
    award = selectors.access_credit_award(award_id=award_id)
    standing = credit_award_standing(award)
    credential = selectors.credential_for_credit_award(award=award)
    return {
        "id": award.pk,
        "title": award.title,
        "activity_date": award.activity_date,
        "credit": str(award.credit),
        "unit": award.unit,
        "credit_type": award.credit_type,
        "provider": award.provider_name,
        "delivery_method": award.delivery_method,
        "valid": standing.counts,
        "revoked_reason": standing.reason,
        "credential_url": credential_url(credential.pk) if credential else None,
        # Never the email: this page is public.
        "learner_name": award.learner.display_name or None,
    }
