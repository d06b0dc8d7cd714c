"""Reads for micro-webinars; ``access_*`` raise Http404 for both missing and not yours."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.engines.text.numbers import whole_number
from bitewise.membership.entitlements import decision_for
from bitewise.webinars.models import (
    CreditAward,
    CreditMode,
    Registration,
    RegistrationStatus,
    Webinar,
    WebinarStatus,
)

# The join link shows from this long before the start.
JOIN_OPENS_BEFORE = timedelta(minutes=10)


def webinars_upcoming() -> QuerySet[Webinar]:
    return (
        Webinar.objects.filter(
            status=WebinarStatus.PUBLISHED, starts_at__gt=timezone.now() - timedelta(minutes=20)
        )
        .select_related("credit_program", "series")
        .annotate(
            seats_taken=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            )
        )
        .annotate(seats_left=F("capacity") - F("seats_taken"))
        .order_by("starts_at")
    )


def webinars_with_recordings() -> QuerySet[Webinar]:
    return (
        Webinar.objects.filter(status=WebinarStatus.PUBLISHED, recording_seconds__isnull=False)
        .exclude(recording_file="", recording_url="")
        .order_by("-starts_at")
    )


def webinars_visible_to(user: User | None) -> QuerySet[Webinar]:
    """What ``access_webinar`` shows: published and cancelled ones, drafts too for staff."""
    if user is not None and user.is_authenticated and user.is_staff:
        return Webinar.objects.all()
    return Webinar.objects.exclude(status=WebinarStatus.DRAFT)


def access_webinar(*, webinar_id: UUID, user: User | None) -> Webinar:
    """A published or cancelled webinar for anyone; a draft for staff only."""
    webinar = (
        Webinar.objects.select_related(
            "credit_program", "series", "self_study_program", "assessment"
        )
        .filter(pk=webinar_id)
        .first()
    )
    if webinar is None:
        raise Http404("No such webinar")
    if webinar.status == WebinarStatus.DRAFT and not (user and user.is_staff):
        raise Http404("No such webinar")
    return webinar


def registration_for(*, learner: User, webinar: Webinar) -> Registration | None:
    if not learner.is_authenticated:
        return None
    return Registration.objects.filter(learner=learner, webinar=webinar).first()


def seats_left(webinar: Webinar) -> int | None:
    if not webinar.capacity:
        return None
    taken = Registration.objects.filter(
        webinar=webinar, status=RegistrationStatus.REGISTERED
    ).count()
    return max(0, webinar.capacity - taken)


def join_is_open(webinar: Webinar) -> bool:
    now = timezone.now()
    start, end = webinar.attendance_window
    return webinar.status == WebinarStatus.PUBLISHED and start - JOIN_OPENS_BEFORE <= now <= end


def registrations_for_learner(learner: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(learner=learner)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("webinar")
        .order_by("webinar__starts_at")
    )


def access_credit_award(*, award_id: UUID) -> CreditAward:
    """Anyone may check a certificate by its id (the QR code's page)."""
    award = CreditAward.objects.select_related("learner").filter(pk=award_id).first()
    if award is None:
        raise Http404("No such certificate")
    return award


def access_credit_award_for_owner(*, award_id: UUID, user: User) -> CreditAward:
    award = access_credit_award(award_id=award_id)
    if award.learner_id != user.pk and not user.is_staff:
        raise Http404("No such certificate")
    return award


def credit_awards_for_learner(learner: User) -> QuerySet[CreditAward]:
    return CreditAward.objects.filter(learner=learner).order_by("-activity_date")


def credential_for_credit_award(*, award: CreditAward) -> IssuedCredential | None:
    """The award's verifiable credential, once issued."""
    return IssuedCredential.objects.filter(ce_credit_id=award.pk).first()


def webinar_for_ce_activity(*, mode: str, target: str) -> Webinar:
    """The published session a CE activity id names (a series: its first session)."""
    webinars = Webinar.objects.exclude(status=WebinarStatus.DRAFT).select_related("series")
    if mode in (CreditMode.LIVE, CreditMode.SELF_STUDY):
        try:
            webinar = webinars.filter(pk=UUID(target)).first()
        except ValueError:
            webinar = None
    elif mode == CreditMode.SERIES and whole_number(target) is not None:
        webinar = webinars.filter(series_id=int(target)).order_by("starts_at").first()
    else:
        webinar = None
    if webinar is None:
        raise Http404("No such CE activity")
    return webinar


def recording_visible(*, stored: str, user: User | None) -> bool:
    """A stored file is the recording of a webinar ``user`` may see and open (its access rule
    lets them in); the webinar page plays its recording to signed-in visitors only."""
    if user is None or not user.is_authenticated:
        return False
    for webinar_id in Webinar.objects.filter(recording_file=stored).values_list("pk", flat=True):
        try:
            webinar = access_webinar(webinar_id=webinar_id, user=user)
        except Http404:
            continue
        if decision_for(person=user, target=webinar).allowed:
            return True
    return False
