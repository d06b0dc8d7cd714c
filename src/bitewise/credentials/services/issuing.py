"""Issue the signed Open Badges 3.0 credential for an award, exactly once."""

from __future__ import annotations

import uuid
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bitewise.credentials.models import IssuedCredential, Issuer, StatusList
from bitewise.credentials.services.achievements import (
    achievement_of,
    award_kind,
    component_credential_urls,
    evidence_of,
)
from bitewise.credentials.services.issuers import (
    engine_key,
    issuer_for,
    issuer_profile,
    signing_key_active,
)
from bitewise.credentials.urls_abs import credential_url, status_list_url
from bitewise.engines import ob3
from bitewise.learning.models import Award


def status_index_allocate(*, issuer: Issuer) -> tuple[StatusList, int]:
    """The next free entry in the issuer's open status list (a new list when full).
    Call inside a transaction: the row lock (PostgreSQL) or the write lock (SQLite,
    IMMEDIATE transactions) keeps two issuers from taking the same index."""
    status_list = (
        StatusList.objects.select_for_update()
        .filter(issuer=issuer, next_index__lt=F("length"))
        .order_by("created_at")
        .first()
    )
    if status_list is None:
        status_list = StatusList.objects.create(issuer=issuer)
    index = status_list.next_index
    StatusList.objects.filter(pk=status_list.pk).update(next_index=F("next_index") + 1)
    return status_list, index


def _valid_until(award: Award, issued_at: datetime) -> datetime | None:
    months = award.snapshot.get("validity_months")
    return issued_at + relativedelta(months=int(months)) if months else None


def credential_issue(*, award: Award) -> IssuedCredential:
    """Build, sign and store the credential for ``award``; a second call (a retried task,
    a concurrent worker) returns the credential already issued."""
    existing = IssuedCredential.objects.filter(award=award).first()
    if existing is not None:
        return existing
    learner = award.learner
    issuer = issuer_for(micro_credential=award.micro_credential, pathway=award.pathway)
    signing_key = signing_key_active(issuer=issuer)
    issued_at = award.awarded_at.replace(microsecond=0)
    credential_id = uuid.uuid4()
    # The index is taken in its own short transaction and signing happens outside it, so
    # concurrent workers queue only for the index, not for each other's signatures. An index
    # left unused by a lost race is harmless: its bit is simply never set.
    with transaction.atomic():
        status_list, index = status_index_allocate(issuer=issuer)
    valid_until = _valid_until(award, issued_at)
    document = ob3.build_credential(
        achievement_of(award, issuer),
        ob3.Recipient(
            email=learner.email,
            salt=ob3.new_salt(),
            id=learner.did or None,
            credits_earned=award.snapshot.get("ce_credits") or None,
        ),
        issuer=issuer_profile(issuer),
        credential_id=credential_url(credential_id),
        valid_from=issued_at,
        valid_until=valid_until,
        awarded=issued_at,
        evidence=evidence_of(award, component_credential_urls(award)),
        status=ob3.StatusListEntry(list_credential=status_list_url(status_list.pk), index=index),
        name=award.snapshot["title"],
    )
    signed = ob3.sign_credential(
        document, engine_key(signing_key), created=timezone.now().replace(microsecond=0)
    )
    try:
        with transaction.atomic():
            return IssuedCredential.objects.create(
                id=credential_id,
                award=award,
                learner=learner,
                issuer=issuer,
                signing_key=signing_key,
                title=award.snapshot["title"][:200],
                document=signed,
                issued_at=issued_at,
                valid_until=valid_until,
                status_list=status_list,
                status_index=index,
                shows_name=bool(learner.display_name),
            )
    except IntegrityError:
        return IssuedCredential.objects.get(award=award)


def kind_of(credential: IssuedCredential) -> str:
    return award_kind(credential.award)
