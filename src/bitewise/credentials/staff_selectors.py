"""Reads for the staff credential pages. Any staff member may look; the services decide
who may award, revoke or review."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from bitewise.catalog.models import MicroCredential, Pathway, Status
from bitewise.credentials.models import BulkAward, IssuedCredential
from bitewise.credentials.services.granting import Achievement


def credential_list_for_staff(
    *,
    issuer_slug: str = "",
    revoked: bool | None = None,
    needs_review: bool = False,
    query: str = "",
) -> QuerySet[IssuedCredential]:
    credentials = IssuedCredential.objects.select_related("issuer", "learner")
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


def access_credential_for_staff(*, credential_id: UUID) -> IssuedCredential:
    credential = (
        IssuedCredential.objects.select_related("issuer", "learner", "award", "revoked_by")
        .filter(pk=credential_id)
        .first()
    )
    if credential is None:
        raise Http404("No such credential")
    return credential


def bulk_award_list(*, limit: int = 20) -> QuerySet[BulkAward]:
    return BulkAward.objects.select_related("micro_credential", "pathway", "created_by").defer(
        "source", "report"
    )[:limit]


def access_bulk_award(*, bulk_id: int) -> BulkAward:
    bulk = (
        BulkAward.objects.select_related("micro_credential", "pathway", "created_by")
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
    kind, _, pk = value.partition(":")
    if not pk.isdigit():
        return None
    if kind == "micro_credential":
        return MicroCredential.objects.exclude(status=Status.DRAFT).filter(pk=int(pk)).first()
    if kind == "pathway":
        return Pathway.objects.exclude(status=Status.DRAFT).filter(pk=int(pk)).first()
    return None
