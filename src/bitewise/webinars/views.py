"""Learner pages: upcoming micro-webinars, registration, join, attendance checks, the
recording, the CE transcript and certificates (public verification page included)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.accounts.addresses import client_address
from bitewise.accounts.limits import attendance_code_rule
from bitewise.accounts.throttle import throttle_attempt
from bitewise.credentials.images import badge_png
from bitewise.credentials.services.issuers import issuer_default
from bitewise.engines.text.markdown import render_markdown
from bitewise.membership.entitlements import decision_for
from bitewise.webinars import selectors
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.forms import CheckForm, HeartbeatForm, TranscriptFilterForm
from bitewise.webinars.models import RegistrationStatus
from bitewise.webinars.services.checks import check_answer
from bitewise.webinars.services.credit import series_program
from bitewise.webinars.services.invites import registration_ics
from bitewise.webinars.services.registration import registration_cancel, registration_create
from bitewise.webinars.services.standing import credit_award_standing
from bitewise.webinars.services.transcripts import (
    TranscriptFilter,
    certificate_pdf,
    transcript_export_csv,
    transcript_export_pdf,
    transcript_rows,
)
from bitewise.webinars.services.viewing import viewing_heartbeat

AUDIO_TYPES = (".mp3", ".m4a", ".wav", ".ogg")


def webinar_list(request: HttpRequest) -> HttpResponse:
    mine = (
        list(selectors.registrations_for_learner(request.user))
        if request.user.is_authenticated
        else []
    )
    # A session of theirs is listed once, under "Your sessions" with its status.
    theirs = {r.webinar_id for r in mine}
    return render(
        request,
        "webinars/list.html",
        {
            "upcoming": [w for w in selectors.webinars_upcoming() if w.pk not in theirs],
            "recordings": selectors.webinars_with_recordings()[:12],
            "mine": mine,
        },
    )


def webinar_detail(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=user)
    registration = selectors.registration_for(learner=user, webinar=webinar) if user else None
    registered = registration is not None and registration.status == RegistrationStatus.REGISTERED
    program = series_program(webinar) or webinar.credit_program
    return render(
        request,
        "webinars/detail.html",
        {
            "webinar": webinar,
            "description": render_markdown(webinar.description),
            "registration": registration,
            "registered": registered,
            "seats_left": selectors.seats_left(webinar),
            "join_open": registered and selectors.join_is_open(webinar),
            "ended": webinar.ends_at <= timezone.now(),
            "live_now": webinar.starts_at <= timezone.now() < webinar.ends_at,
            "recording_is_audio": webinar.recording_source.lower().endswith(AUDIO_TYPES),
            "program": program,
            "in_series": series_program(webinar) is not None,
            "check_form": CheckForm(),
            "access": decision_for(person=user, target=webinar),
        },
    )


@login_required
@require_POST
def register(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    try:
        registration = registration_create(learner=request_user(request), webinar=webinar)
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.info(request, "The session is full: you are on the waiting list.")
        else:
            messages.success(request, "You are registered. The invite is in your email.")
    return redirect("webinars:detail", webinar_id=webinar.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    registration = selectors.registration_for(learner=request_user(request), webinar=webinar)
    if registration is None:
        raise Http404("Not registered")
    registration_cancel(registration=registration)
    messages.success(request, "Your registration is cancelled.")
    return redirect("webinars:detail", webinar_id=webinar.pk)


@login_required
def invite(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    registration = selectors.registration_for(learner=request_user(request), webinar=webinar)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        raise Http404("Not registered")
    response = HttpResponse(
        registration_ics(registration, method="REQUEST"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="webinar.ics"'
    return response


@login_required
def join(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    """Registered learners go on to the platform from shortly before the start."""
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    registration = selectors.registration_for(learner=request_user(request), webinar=webinar)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        messages.error(request, "Register first to get the join link.")
        return redirect("webinars:detail", webinar_id=webinar.pk)
    if not selectors.join_is_open(webinar):
        messages.info(request, "The join link opens 10 minutes before the start.")
        return redirect("webinars:detail", webinar_id=webinar.pk)
    return HttpResponseRedirect(webinar.join_url)


@login_required
@require_POST
def answer_check(request: HttpRequest, webinar_id: UUID) -> HttpResponse:
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    form = CheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Type the code shown in the session.")
        return redirect("webinars:detail", webinar_id=webinar.pk)
    guess = {"address": client_address(request), "account": f"user:{request_user(request).pk}"}
    try:
        with throttle_attempt(attendance_code_rule(), **guess, failing=WebinarError):
            check_answer(
                learner=request_user(request), webinar=webinar, code=form.cleaned_data["code"]
            )
    except WebinarError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Code accepted: your attendance is recorded.")
    return redirect("webinars:detail", webinar_id=webinar.pk)


@login_required
@require_POST
def heartbeat(request: HttpRequest, webinar_id: UUID) -> JsonResponse:
    webinar = selectors.access_webinar(webinar_id=webinar_id, user=request_user(request))
    form = HeartbeatForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"detail": "start and end must be whole seconds"}, status=400)
    try:
        viewing = viewing_heartbeat(
            learner=request_user(request),
            webinar=webinar,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except WebinarError as exc:
        return JsonResponse({"detail": str(exc)}, status=exc.status_code)
    return JsonResponse(
        {"watched_seconds": viewing.seconds, "of_seconds": webinar.recording_seconds}
    )


def _transcript_filter(request: HttpRequest) -> tuple[TranscriptFilterForm, TranscriptFilter]:
    units = sorted(
        {
            row.credit_unit
            for row in transcript_rows(learner=request_user(request), where=TranscriptFilter())
        }
    )
    form = TranscriptFilterForm(request.GET or None, units=units)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, TranscriptFilter(
            date_from=data["date_from"], date_to=data["date_to"], unit=data["unit"]
        )
    return form, TranscriptFilter()


@login_required
def transcript(request: HttpRequest) -> HttpResponse:
    form, where = _transcript_filter(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    rows = transcript_rows(learner=request_user(request), where=where)
    totals: dict[str, object] = {}
    for row in rows:
        totals[row.credit_unit] = totals.get(row.credit_unit, 0) + row.credit  # type: ignore[operator]
    return render(
        request,
        "webinars/transcript.html",
        {"form": form, "rows": rows, "totals": totals, "query": request.GET.urlencode()},
        status=status,
    )


@login_required
def transcript_csv(request: HttpRequest) -> HttpResponse:
    form, where = _transcript_filter(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "; ".join(m for e in form.errors.values() for m in e),
            status=400,
            content_type="text/plain",
        )
    response = HttpResponse(
        transcript_export_csv(learner=request_user(request), where=where),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.csv"'
    return response


@login_required
def transcript_pdf(request: HttpRequest) -> HttpResponse:
    form, where = _transcript_filter(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "; ".join(m for e in form.errors.values() for m in e),
            status=400,
            content_type="text/plain",
        )
    pdf = transcript_export_pdf(
        learner=request_user(request), where=where, today=timezone.localdate()
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="ce-transcript.pdf"'
    return response


def certificate(request: HttpRequest, award_id: UUID) -> HttpResponse:
    """The public page the certificate's QR code opens: what was earned, and whether it
    still stands. The learner's name shows only if they set a display name."""
    award = selectors.access_credit_award(award_id=award_id)
    owner = request.user.is_authenticated and request.user.pk == award.learner_id
    context = {
        "award": award,
        "owner": owner,
        "standing": credit_award_standing(award),
        "credential": selectors.credential_for_credit_award(award=award),
    }
    return render(request, "webinars/certificate.html", context)


@login_required
def certificate_download(request: HttpRequest, award_id: UUID) -> HttpResponse:
    """The PDF, only while the credit counts. A revoked certificate is refused (410), not
    stamped: a fresh copy of a withdrawn certificate would circulate as if it were valid,
    and a watermark can be cropped; the page the QR code opens says why it was revoked."""
    award = selectors.access_credit_award_for_owner(award_id=award_id, user=request_user(request))
    standing = credit_award_standing(award)
    if not standing.counts:
        return render(
            request,
            "webinars/certificate_revoked.html",
            {"award": award, "standing": standing},
            status=410,
        )
    response = HttpResponse(certificate_pdf(award=award), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{award.pk}.pdf"'
    return response


def ce_activity(request: HttpRequest, mode: str, target: str) -> HttpResponse:
    """The id of a CE credential's achievement: the session (or a series' first session)."""
    webinar = selectors.webinar_for_ce_activity(mode=mode, target=target)
    return redirect("webinars:detail", webinar_id=webinar.pk)


def ce_activity_badge(request: HttpRequest, mode: str, target: str) -> HttpResponse:
    """The image of a CE credential's achievement."""
    webinar = selectors.webinar_for_ce_activity(mode=mode, target=target)
    title = webinar.series.title if mode == "series" and webinar.series else webinar.title
    image = badge_png(title=title, issuer=issuer_default().name, kind="ce_credit")
    return HttpResponse(image, content_type="image/png")
