"""Reads for the staff credential pages. Admins see every credential and bulk award;
other staff see the credentials of the issuers they are staff of, and their own bulk
awards (each lists learners' emails). The services decide who may award, revoke or review."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway, Status
from bitewise.credentials.models import BulkAward, IssuedCredential
from bitewise.credentials.services.granting import Achievement
from bitewise.engines.text.numbers import whole_number


def credentials_visible_to(viewer: User) -> QuerySet[IssuedCredential]:
    """Every credential for an admin; for other staff, those of their issuers."""
    if viewer.is_staff_admin:
        return IssuedCredential.objects.all()
    return IssuedCredential.objects.filter(issuer__staff=viewer)


def bulk_awards_visible_to(viewer: User) -> QuerySet[BulkAward]:
    """Every bulk award for an admin; for other staff, their own."""
    if viewer.is_staff_admin:
        return BulkAward.objects.all()
    return BulkAward.objects.filter(created_by=viewer)


def credential_list_for_staff(
    *,
    viewer: User,
    issuer_slug: str = "",
    revoked: bool | None = None,
    needs_review: bool = False,
    query: str = "",
) -> QuerySet[IssuedCredential]:
    credentials = credentials_visible_to(viewer).select_related("issuer", "learner")
    if issuer_slug:
        credentials = credentials.filter(issuer__slug=issuer_slug)
    if revoked is not None:
        credentials = credentials.filter(revoked_at__isnull=not revoked)
    if needs_review:
        credentials = credentials.filter(needs_review=True)
    if query:
        credentials = credentials.filter(
            Q(learner__email__icontains=query) | Q(title__icontains=query)
        )
    return credentials


def access_credential_for_staff(*, viewer: User, credential_id: UUID) -> IssuedCredential:
    """404 for a missing credential and for one the viewer may not see."""
    credential = (
        credentials_visible_to(viewer)
        .select_related("issuer", "learner", "award", "revoked_by")
        .filter(pk=credential_id)
        .first()
    )
    if credential is None:
        raise Http404("No such credential")
    return credential


def bulk_award_list(*, viewer: User, limit: int = 20) -> QuerySet[BulkAward]:
    return (
        bulk_awards_visible_to(viewer)
        .select_related("micro_credential", "pathway", "created_by")
        .defer("source", "report")[:limit]
    )


def access_bulk_award(*, viewer: User, bulk_id: int) -> BulkAward:
    bulk = (
        bulk_awards_visible_to(viewer)
        .select_related("micro_credential", "pathway", "created_by")
        .defer("source")
        .filter(pk=bulk_id)
        .first()
    )
    if bulk is None:
        raise Http404("No such bulk award")
    return bulk


def achievement_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped <select> choices of what can be awarded: anything published or retired."""
    awardable = [Status.PUBLISHED, Status.RETIRED]
    micro_credentials = MicroCredential.objects.filter(status__in=awardable).order_by("title")
    pathways = Pathway.objects.filter(status__in=awardable).order_by("title")
    return [
        ("Micro-credentials", [(f"micro_credential:{m.pk}", m.title) for m in micro_credentials]),
        ("Pathways", [(f"pathway:{p.pk}", p.title) for p in pathways]),
    ]


def achievement_from_choice(value: str) -> Achievement | None:
    kind, _, text = value.partition(":")
    pk = whole_number(text)
    if pk is None:
        return None
    if kind == "micro_credential":
        return MicroCredential.objects.exclude(status=Status.DRAFT).filter(pk=pk).first()
    if kind == "pathway":
        return Pathway.objects.exclude(status=Status.DRAFT).filter(pk=pk).first()
    return None
