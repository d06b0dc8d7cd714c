"""A learner's CE transcript: credit from micro-webinars and from micro-credentials,
filterable by date and credit type, as rows, CSV and PDF; and each award's certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.common.links import absolute
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.urls_abs import credential_url
from bitewise.engines.certificates import (
    CertificateData,
    TranscriptRow,
    render_certificate,
    render_transcript_pdf,
    transcript_csv,
    unicode_fonts,
)
from bitewise.webinars.models import CreditAward
from bitewise.webinars.services.standing import (
    credit_awards_counting,
    micro_credential_awards_counting,
)


@dataclass(frozen=True)
class TranscriptFilter:
    date_from: date | None = None
    date_to: date | None = None
    unit: str = ""

    @property
    def label(self) -> str:
        if self.date_from and self.date_to:
            return f"{self.date_from:%B %-d, %Y} to {self.date_to:%B %-d, %Y}"
        if self.date_from:
            return f"Since {self.date_from:%B %-d, %Y}"
        if self.date_to:
            return f"Until {self.date_to:%B %-d, %Y}"
        return "All dates"


def certificate_url(award: CreditAward) -> str:
    return absolute(reverse("webinars:certificate", args=[award.pk]))


def learner_name(learner: User) -> str:
    return learner.display_name or learner.email


def transcript_rows(*, learner: User, where: TranscriptFilter) -> list[TranscriptRow]:
    """Every credit the learner holds that counts (services/standing.py), newest first."""
    rows = []
    awards = credit_awards_counting(learner=learner)
    if where.date_from:
        awards = awards.filter(activity_date__gte=where.date_from)
    if where.date_to:
        awards = awards.filter(activity_date__lte=where.date_to)
    for award in awards:
        rows.append(
            TranscriptRow(
                activity_date=award.activity_date,
                activity_title=award.title,
                provider_name=award.provider_name,
                credit=award.credit,
                credit_unit=award.unit,
                credit_type=award.credit_type,
                delivery_method=award.delivery_method,
                certificate_id=str(award.pk),
                verify_url=certificate_url(award),
            )
        )
    rows.extend(_micro_credential_rows(learner, where))
    if where.unit:
        rows = [row for row in rows if row.credit_unit == where.unit]
    return sorted(rows, key=lambda row: (row.activity_date, row.activity_title), reverse=True)


def _micro_credential_rows(learner: User, where: TranscriptFilter) -> list[TranscriptRow]:
    """Micro-credentials that carry CE credits (the core platform's snapshot)."""
    awards = micro_credential_awards_counting(learner=learner)
    if where.date_from:
        awards = awards.filter(awarded_at__date__gte=where.date_from)
    if where.date_to:
        awards = awards.filter(awarded_at__date__lte=where.date_to)
    credentials = dict(
        IssuedCredential.objects.filter(award__in=awards, revoked_at=None).values_list(
            "award_id", "id"
        )
    )
    rows = []
    for award in awards:
        try:
            credit = Decimal(str(award.snapshot.get("ce_credits") or 0))
        except InvalidOperation:
            continue
        if credit <= 0:
            continue
        credential = credentials.get(award.pk)
        rows.append(
            TranscriptRow(
                activity_date=award.awarded_at.date(),
                activity_title=str(award.snapshot.get("title", "")),
                provider_name=_provider_name(),
                credit=credit,
                credit_unit=str(award.snapshot.get("ce_credit_type") or "CE credit"),
                delivery_method="Micro-credential (self-paced)",
                certificate_id=str(credential or ""),
                verify_url=credential_url(credential) if credential else "",
            )
        )
    return rows


def _provider_name() -> str:
    return str(settings.BITEWISE_PROVIDER_NAME)


def transcript_export_csv(*, learner: User, where: TranscriptFilter) -> str:
    return transcript_csv(transcript_rows(learner=learner, where=where))


def transcript_export_pdf(*, learner: User, where: TranscriptFilter, today: date) -> bytes:
    return render_transcript_pdf(
        learner_name=learner_name(learner),
        rows=transcript_rows(learner=learner, where=where),
        period_label=where.label,
        generated_on=today,
        fonts=unicode_fonts(),
    )


def certificate_pdf(*, award: CreditAward) -> bytes:
    return render_certificate(
        CertificateData(
            certificate_id=str(award.pk),
            learner_name=learner_name(award.learner),
            activity_title=award.title,
            activity_date=award.activity_date,
            provider_name=award.provider_name,
            credit=award.credit,
            credit_unit=award.unit,
            credit_type=award.credit_type,
            delivery_method=award.delivery_method,
            approver_statement=award.approver_statement,
            verify_url=certificate_url(award),
            issued_on=award.awarded_at.date(),
        ),
        fonts=unicode_fonts(),
    )
