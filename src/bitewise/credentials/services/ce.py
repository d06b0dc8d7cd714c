"""CE credit as a verifiable credential: the same signed Open Badges 3.0 document, status
list entry, public page and downloads as a micro-credential badge, with the credit in the
achievement (``creditsAvailable``, ``fieldOfStudy``, the accrediting body as an alignment)
and in the subject (``creditsEarned``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.data import CeCredit
from bitewise.credentials.models import CredentialStatusChange, IssuedCredential, Issuer, StatusList
from bitewise.credentials.services.issuers import issuer_default, issuer_profile
from bitewise.credentials.services.issuing import Signer, issued_with_retry, subject_id_for
from bitewise.credentials.services.revocation import status_change_record
from bitewise.credentials.urls_abs import credential_url, status_list_url
from bitewise.engines import ob3

# OB 3.0 has no term for an accrediting program; extension values (``ext:``) are what the
# spec allows for the enumerations used here.
# https://www.imsglobal.org/spec/ob/v3p0/#org.1edtech.ob.v3p0.alignmenttargettype.class
CREDIT_PROGRAM_TYPE = "ext:CreditProgram"
SPONSOR_ID_TYPE = "ext:SponsorId"
CREDIT_RULE_TYPE = "ext:CreditRule"


def ce_achievement(credit: CeCredit, issuer: Issuer) -> ob3.Achievement:
    """https://www.imsglobal.org/spec/ob/v3p0/#achievement for a CE activity."""
    identifiers = [
        ob3.IdentifierEntry(f"{credit.program_code}:v{credit.rule_version}", CREDIT_RULE_TYPE)
    ]
    if credit.sponsor_id:
        identifiers.append(ob3.IdentifierEntry(credit.sponsor_id, SPONSOR_ID_TYPE))
    program = ob3.Alignment(
        target_name=credit.program_name,
        target_url=credit.activity_url,
        target_type=CREDIT_PROGRAM_TYPE,
        target_framework=credit.body,
        target_code=credit.program_code,
        target_description=credit.approver_statement or None,
    )
    return ob3.Achievement(
        id=credit.activity_url,
        name=credit.title,
        description=credit.description,
        criteria_narrative=credit.criteria or credit.description,
        achievement_type="CertificateOfCompletion",
        image=ob3.Image(id=credit.image_url, caption=credit.title),
        alignments=(program,),
        credits_available=credit.credits_available,
        version=str(credit.rule_version),
        tags=tuple(t for t in (credit.unit, credit.delivery_method) if t),
        creator=issuer_profile(issuer),
        field_of_study=credit.credit_type or None,
        other_identifiers=tuple(identifiers),
    )


def _evidence(credit: CeCredit) -> list[ob3.Evidence]:
    return [
        ob3.Evidence(
            id=credit.certificate_url or None,
            name="Attendance and credit record",
            narrative=credit.evidence or f"{credit.credit} {credit.unit} awarded.",
            genre="Attendance",
        )
    ]


def _document(
    credit: CeCredit,
    signer: Signer,
    learner: User,
    credential_id: uuid.UUID,
    slot: tuple[str, int],
    subject_id: str | None = None,
) -> dict[str, Any]:
    issued_at = credit.awarded_at.astimezone(UTC).replace(microsecond=0)
    document = ob3.build_credential(
        ce_achievement(credit, signer.issuer),
        ob3.Recipient(
            email=learner.email,
            salt=ob3.new_salt(),
            id=subject_id or learner.did or subject_id_for(credential_id),
            credits_earned=credit.credit,
            activity_end=credit.activity_end.astimezone(UTC).replace(microsecond=0),
        ),
        issuer=signer.profile,
        credential_id=credential_url(credential_id),
        valid_from=issued_at,
        awarded=issued_at,
        evidence=_evidence(credit),
        status=ob3.StatusListEntry(list_credential=slot[0], index=slot[1]),
        name=credit.title,
    )
    return ob3.sign_credential(document, signer.key, created=_now())


def _credits_earned(credential: IssuedCredential) -> Decimal:
    return Decimal(str(credential.document["credentialSubject"].get("creditsEarned", 0)))


def credential_issue_ce(*, credit: CeCredit) -> IssuedCredential:
    """Build, sign and store the credential for one CE credit, signed by the site's issuer;
    a second call (a retried task, the backfill command) returns the one already issued.
    Credit is only ever raised (new evidence): then the credential is signed again in place,
    same id and status entry, so its page and downloads state the credit that counts."""
    existing = IssuedCredential.objects.filter(ce_credit_id=credit.id).first()
    if existing is not None:
        if _credits_earned(existing) < credit.credit:
            return _resign(existing, credit)
        return existing
    learner = User.objects.get(pk=credit.learner_id)
    signer = Signer.of(issuer_default())
    credential_id = uuid.uuid4()

    def sign(status_list: StatusList, index: int) -> IssuedCredential:
        slot = (status_list_url(status_list.pk), index)
        return IssuedCredential(
            id=credential_id,
            award=None,
            ce_credit_id=credit.id,
            learner=learner,
            issuer=signer.issuer,
            signing_key=signer.signing_key,
            title=credit.title[:200],
            document=_document(credit, signer, learner, credential_id, slot),
            issued_at=credit.awarded_at.astimezone(UTC).replace(microsecond=0),
            status_list=status_list,
            status_index=index,
            shows_name=bool(learner.display_name),
            revoked_at=credit.revoked_at,
            revoked_reason=credit.revoked_reason[:500],
        )

    with transaction.atomic():
        credential = issued_with_retry(
            sign,
            issuer=signer.issuer,
            existing=lambda: IssuedCredential.objects.filter(ce_credit_id=credit.id).first(),
        )
        if credit.revoked_at is not None and not credential.status_changes.exists():
            # Never a moment valid: the credit it certifies was withdrawn already.
            status_change_record(
                credential,
                action=CredentialStatusChange.Action.REVOKED,
                reason=credit.revoked_reason or "The CE credit was withdrawn.",
                by=None,
                at=credit.revoked_at,
            )
    return credential


@transaction.atomic
def _resign(credential: IssuedCredential, credit: CeCredit) -> IssuedCredential:
    credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if _credits_earned(credential) >= credit.credit:
        return credential  # a concurrent run did it
    signer = Signer.of(credential.issuer)
    slot = (status_list_url(credential.status_list_id), credential.status_index)
    # A learner who claimed it into a wallet keeps it bound to their DID.
    subject_id = credential.document["credentialSubject"].get("id")
    credential.document = _document(
        credit, signer, credential.learner, credential.pk, slot, subject_id
    )
    credential.signing_key = signer.signing_key
    credential.save(update_fields=["document", "signing_key"])
    return credential


def _now() -> datetime:
    return timezone.now().replace(microsecond=0)
