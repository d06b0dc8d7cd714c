"""Credential counts (issued, revoked, views, downloads, LinkedIn clicks, verifications) and
CE credit per program, accrediting body and month, with webinar attendance vs registration.
Each a fixed number of aggregate queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from bitewise.credentials.models import IssuedCredential
from bitewise.insight.models import ActivityKind, CredentialActivity
from bitewise.insight.selectors.periods import Period
from bitewise.webinars.models import Attendance, CreditAward, CreditProgram, Webinar

WEBINARS_SHOWN = 30


@dataclass(frozen=True)
class Figure:
    label: str
    value: int


def credential_figures(period: Period) -> list[Figure]:
    issued = IssuedCredential.objects.filter(**period.instants("issued_at")).count()
    revoked = IssuedCredential.objects.filter(
        revoked_at__isnull=False, **period.instants("revoked_at")
    ).count()
    counted = dict(
        CredentialActivity.objects.filter(**period.days("day"))
        .values_list("kind")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return [
        Figure("Badges issued", issued),
        Figure("Badges revoked", revoked),
        *(Figure(str(kind.label), int(counted.get(kind.value, 0))) for kind in ActivityKind),
    ]


def ce_by_program(period: Period) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in CreditAward.objects.filter(revoked_at=None, **period.days("activity_date"))
        .values("program_code", "unit")
        .annotate(
            credit=Sum("credit"), awards=Count("pk"), people=Count("learner_id", distinct=True)
        )
        .order_by("program_code", "unit")
    ]
    bodies = {
        code: str((rule or {}).get("body", ""))
        for code, rule in CreditProgram.objects.filter(
            code__in={r["program_code"] for r in rows}
        ).values_list("code", "rule")
    }
    for row in rows:
        row["body"] = bodies.get(row["program_code"], "")
    return rows


def ce_by_month(period: Period) -> list[dict[str, Any]]:
    return [
        dict(row)
        for row in CreditAward.objects.filter(revoked_at=None, **period.days("activity_date"))
        .annotate(month=TruncMonth("activity_date"))
        .values("month")
        .annotate(credit=Coalesce(Sum("credit"), Decimal(0)), awards=Count("pk"))
        .order_by("month")
    ]


def webinar_turnout(period: Period) -> list[dict[str, Any]]:
    registered = (
        Webinar.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Count("registrations", filter=Q(registrations__status="registered")))
        .values("n")
    )
    attended = (
        Attendance.objects.filter(webinar=OuterRef("pk"))
        .values("webinar")
        .annotate(n=Count("learner_id", distinct=True))
        .values("n")
    )
    return [
        dict(row)
        for row in Webinar.objects.filter(**period.instants("starts_at"))
        .annotate(registered=Coalesce(Subquery(registered), 0))
        .annotate(attended=Coalesce(Subquery(attended), 0))
        .order_by("-starts_at")
        .values("pk", "title", "starts_at", "registered", "attended")[:WEBINARS_SHOWN]
    ]
