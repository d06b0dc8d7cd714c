"""Each CE credit award's verifiable credential (an Open Badges 3.0 badge signed like the
micro-credential ones), and revocation and reinstatement of the credit, which go through
that credential so the status list, its audit record and the transcript agree."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.common.links import absolute
from bitewise.credentials.data import CeCredit
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.ce import credential_issue_ce
from bitewise.credentials.services.revocation import (
    RevocationError,
    credential_reinstate,
    credential_revoke,
)
from bitewise.engines.ce_credits import max_series_credit, rule_from_dict
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import CreditAward, CreditMode, CreditProgram


def activity_path(award: CreditAward) -> str:
    target = award.series_id if award.mode == CreditMode.SERIES else award.webinar_id
    return reverse("webinars:ce_activity", args=[award.mode, str(target)])


def _activity_end(award: CreditAward) -> datetime:
    if award.mode == CreditMode.LIVE and award.webinar is not None:
        return award.webinar.ends_at
    if award.mode == CreditMode.SERIES and award.series is not None:
        last = award.series.webinars.order_by("-starts_at").first()
        if last is not None:
            return last.ends_at
    return datetime.combine(award.activity_date, time(23, 59), tzinfo=UTC)


def _credits_available(award: CreditAward) -> Decimal:
    """The most the activity could earn under the rule the award was computed with."""
    evidence = award.evidence or {}
    try:
        rule = rule_from_dict(evidence["rule"])
        minutes = [Decimal(session["minutes"]) for session in evidence["sessions"]]
        return max(max_series_credit(rule, minutes), award.credit)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return award.credit  # an award from before the record kept its rule


def _attendance_narrative(award: CreditAward) -> str:
    sessions = (award.evidence or {}).get("sessions") or []
    if not sessions:
        return f"{award.credit} {award.unit} awarded."
    attended = sum((Decimal(s.get("attended_minutes") or 0) for s in sessions), Decimal(0))
    of = sum((Decimal(s.get("minutes") or 0) for s in sessions), Decimal(0))
    checks = sum(int(s.get("checks_answered") or 0) for s in sessions)
    shown = sum(int(s.get("checks_shown") or 0) for s in sessions)
    text = f"Attended {attended.normalize():f} of {of.normalize():f} minutes"
    if shown:
        text += f"; answered {checks} of {shown} attendance checks"
    return f"{text}. Credit worked out under {award.program_code} v{award.rule_version}."


def ce_credit_of(award: CreditAward) -> CeCredit:
    """What the credential for ``award`` states."""
    rule = (award.evidence or {}).get("rule") or {}
    body = str(rule.get("body") or award.provider_name)
    program_name = award.unit if award.unit.startswith(body) else f"{body} {award.unit}"
    program = CreditProgram.objects.filter(code=award.program_code).first()
    what = {
        CreditMode.LIVE: "attending the live micro-webinar",
        CreditMode.SELF_STUDY: "watching the recording of the micro-webinar",
        CreditMode.SERIES: "attending the micro-webinar series",
    }[CreditMode(award.mode)]
    path = activity_path(award)
    return CeCredit(
        id=award.pk,
        learner_id=award.learner_id,
        title=award.title,
        description=(
            f"{award.credit} {award.unit} for {what} “{award.title}” on "
            f"{award.activity_date:%B %-d, %Y}, provided by {award.provider_name}."
        ),
        activity_url=absolute(path),
        image_url=absolute(path + "badge.png"),
        activity_end=_activity_end(award),
        awarded_at=award.awarded_at,
        credit=award.credit,
        credits_available=_credits_available(award),
        unit=award.unit,
        body=body,
        program_code=award.program_code,
        program_name=program_name,
        rule_version=award.rule_version,
        credit_type=award.credit_type,
        delivery_method=award.delivery_method,
        sponsor_id=program.sponsor_id if program else "",
        approver_statement=award.approver_statement,
        criteria=(
            f"Credit is worked out from the attendance record under {program_name} "
            f"(rule {award.program_code}, version {award.rule_version}): minutes attended, "
            f"attendance checks and any assessment, as the accrediting body requires."
        ),
        evidence=_attendance_narrative(award),
        certificate_url=absolute(reverse("webinars:certificate", args=[award.pk])),
        revoked_at=award.revoked_at,
        revoked_reason=award.revoked_reason,
    )


def credit_credential_issue(*, award_id: UUID) -> IssuedCredential | None:
    """The award's credential, issued now if it has none (safe to run twice); None when the
    award is gone. A revoked award's credential is issued revoked."""
    award = CreditAward.objects.select_related("webinar", "series").filter(pk=award_id).first()
    if award is None:
        return None
    return credential_issue_ce(credit=ce_credit_of(award))


def credit_award_follow(*, award_id: UUID) -> None:
    """Copy the credential's revocation (or reinstatement) onto the CE record; idempotent."""
    credential = IssuedCredential.objects.filter(ce_credit_id=award_id).first()
    if credential is None:
        return
    CreditAward.objects.filter(pk=award_id).update(
        revoked_at=credential.revoked_at, revoked_reason=credential.revoked_reason[:300]
    )


def _locked(award: CreditAward) -> tuple[CreditAward, IssuedCredential]:
    locked = (
        CreditAward.objects.select_for_update(of=("self",))
        .select_related("webinar", "series")
        .get(pk=award.pk)
    )
    return locked, credential_issue_ce(credit=ce_credit_of(locked))


@transaction.atomic
def credit_award_revoke(*, award: CreditAward, by: User, reason: str) -> CreditAward:
    """Withdraw credit (misreported attendance, a program error) by revoking its credential,
    issued first if it was not yet: the transcript leaves it out, the certificate page says
    so with the reason, and the record and its evidence stay."""
    if not reason.strip():
        raise WebinarError("Give the reason; the certificate page shows it.")
    award, credential = _locked(award)
    if credential.is_revoked:
        credit_award_follow(award_id=award.pk)
        raise WebinarError("This credit was revoked already.")
    try:
        credential_revoke(credential=credential, by=by, reason=reason.strip()[:300])
    except RevocationError as exc:
        raise WebinarError(str(exc)) from exc
    credit_award_follow(award_id=award.pk)
    award.refresh_from_db()
    return award


@transaction.atomic
def credit_award_reinstate(*, award: CreditAward, by: User, reason: str) -> CreditAward:
    """Count revoked credit again (the revocation was a mistake): its credential is
    reinstated, with the reason in its audit record."""
    award, credential = _locked(award)
    if not credential.is_revoked:
        credit_award_follow(award_id=award.pk)
        raise WebinarError("This credit is not revoked.")
    try:
        credential_reinstate(credential=credential, by=by, reason=reason)
    except RevocationError as exc:
        raise WebinarError(str(exc)) from exc
    credit_award_follow(award_id=award.pk)
    award.refresh_from_db()
    return award


def credit_credentials_missing() -> list[UUID]:
    """Awards without a credential yet (awarded before credentials existed, or whose issuing
    never ran), oldest first."""
    issued = IssuedCredential.objects.filter(ce_credit_id__isnull=False).values("ce_credit_id")
    return list(
        CreditAward.objects.exclude(pk__in=issued)
        .order_by("awarded_at", "pk")
        .values_list("pk", flat=True)
    )
