"""Whether CE credit counts: the one rule that the transcript (page, totals, filters, CSV,
PDF, API) and the certificate (page, PDF, public API) all ask.

Credit counts unless it, or the credential that certifies it, is revoked. The credential is
checked too because a revocation made on the credential's side reaches the CE record through
an event, after commit; until then the credential already says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.learning.models import Award
from bitewise.webinars.models import CreditAward


@dataclass(frozen=True)
class Standing:
    counts: bool
    revoked_at: datetime | None = None
    reason: str = ""


def _revoked_credentials(learner_id: int) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(learner_id=learner_id, revoked_at__isnull=False)


def credit_awards_counting(*, learner: User) -> QuerySet[CreditAward]:
    """The learner's webinar CE credit that counts."""
    revoked = _revoked_credentials(learner.pk).filter(ce_credit_id__isnull=False)
    return CreditAward.objects.filter(learner=learner, revoked_at=None).exclude(
        pk__in=revoked.values("ce_credit_id")
    )


def micro_credential_awards_counting(*, learner: User) -> QuerySet[Award]:
    """The learner's micro-credential awards whose credential is not revoked (one not
    issued yet counts: the award stands, its badge is on its way)."""
    revoked = _revoked_credentials(learner.pk).filter(award__isnull=False)
    return Award.objects.filter(learner=learner, micro_credential__isnull=False).exclude(
        pk__in=revoked.values("award_id")
    )


def credit_award_standing(award: CreditAward) -> Standing:
    """One award's standing, with the date and reason of a revocation."""
    if award.revoked_at is not None:
        return Standing(counts=False, revoked_at=award.revoked_at, reason=award.revoked_reason)
    credential = _revoked_credentials(award.learner_id).filter(ce_credit_id=award.pk).first()
    if credential is not None:
        return Standing(
            counts=False, revoked_at=credential.revoked_at, reason=credential.revoked_reason
        )
    return Standing(counts=True)
