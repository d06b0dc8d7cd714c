"""Issue the signed Open Badges 3.0 credential for an award, exactly once."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bitewise.credentials.models import IssuedCredential, Issuer, SigningKey, StatusList
from bitewise.credentials.models.status import STATUS_LIST_FILL
from bitewise.credentials.services.achievements import (
    achievement_of,
    component_credential_urls,
    evidence_of,
)
from bitewise.credentials.services.issuers import (
    engine_key,
    issuer_for,
    issuer_profile,
    issuing_check,
    signing_key_active,
)
from bitewise.credentials.urls_abs import credential_url, status_list_url
from bitewise.engines import ob3
from bitewise.learning.models import Award

# Tries at signing a credential whose random status index another worker took meanwhile.
STATUS_TRIES = 5


def _random_index(length: int) -> int:
    return secrets.randbelow(length)


def status_index_allocate(*, issuer: Issuer) -> tuple[StatusList, int]:
    """A free entry, at a random index, in the issuer's open status list (a new list when
    full). Call inside a transaction: the row lock (PostgreSQL) or the write lock (SQLite,
    IMMEDIATE transactions) keeps concurrent allocators in turn."""
    [slot] = status_indexes_allocate(issuer=issuer, count=1)
    return slot


def _valid_until(award: Award, issued_at: datetime) -> datetime | None:
    months = award.snapshot.get("validity_months")
    return issued_at + relativedelta(months=int(months)) if months else None


def status_indexes_allocate(*, issuer: Issuer, count: int) -> list[tuple[StatusList, int]]:
    """``count`` free entries at once (bulk issuing), over as many lists as it takes.

    Indexes are drawn at random, not in order, so an index says nothing about when or to
    whom a credential was issued (https://www.w3.org/TR/vc-bitstring-status-list/#privacy-considerations).
    A drawn index held by a stored credential is drawn again; one handed to a credential
    still being signed elsewhere can be drawn twice, which the unique constraint on
    (status_list, status_index) catches when the second is saved: it is signed again
    with a new index (``issued_with_retry``)."""
    slots: list[tuple[StatusList, int]] = []
    while len(slots) < count:
        status_list = (
            StatusList.objects.select_for_update()
            .filter(issuer=issuer, allocated__lt=F("length") / STATUS_LIST_FILL)
            .order_by("created_at")
            .first()
        )
        if status_list is None:
            status_list = StatusList.objects.create(issuer=issuer)
        taken = min(count - len(slots), status_list.capacity - status_list.allocated)
        StatusList.objects.filter(pk=status_list.pk).update(allocated=F("allocated") + taken)
        slots.extend((status_list, index) for index in _free_indexes(status_list, taken))
    return slots


def _free_indexes(status_list: StatusList, count: int) -> list[int]:
    chosen: set[int] = set()
    while len(chosen) < count:
        # Distinct draws first, then one query for those a stored credential holds.
        candidates: set[int] = set()
        while len(candidates) < count - len(chosen):
            index = _random_index(status_list.length)
            if index not in chosen:
                candidates.add(index)
        used = set(
            IssuedCredential.objects.filter(
                status_list=status_list, status_index__in=candidates
            ).values_list("status_index", flat=True)
        )
        chosen |= candidates - used
    return list(chosen)


def issued_with_retry(
    sign: Callable[[StatusList, int], IssuedCredential],
    *,
    issuer: Issuer,
    existing: Callable[[], IssuedCredential | None],
) -> IssuedCredential:
    """Allocate an entry, sign with it, and save; when the save breaks a unique constraint,
    return the credential a concurrent run issued (``existing``), or else (the status entry
    was taken meanwhile) sign again with a new entry."""
    for _ in range(STATUS_TRIES):
        # The index is taken in its own short transaction and signing happens outside it,
        # so concurrent workers queue only for the index, not for each other's signatures.
        with transaction.atomic():
            status_list, index = status_index_allocate(issuer=issuer)
        credential = sign(status_list, index)
        try:
            with transaction.atomic():
                credential.save(force_insert=True)
                _flag_if_built_on_revoked([credential])
                return credential
        except IntegrityError:
            found = existing()
            if found is not None:
                return found
    raise IntegrityError(f"no free status entry after {STATUS_TRIES} tries")


def subject_id_for(credential_id: uuid.UUID) -> str:
    """The credentialSubject.id of a credential whose learner has no DID: a urn:uuid of the
    credential's own, so a VC-JWT can state it as ``sub`` (OB 3.0 section 8.2.4.1) without
    linking the learner's credentials to one another."""
    return f"urn:uuid:{uuid.uuid5(_SUBJECTS, str(credential_id))}"


_SUBJECTS = uuid.UUID("5b0c8f4e-3f7a-4d4e-9a3c-6f1d2b7e8c90")


@dataclass(frozen=True)
class Signer:
    """What every credential of one issuer needs, looked up once."""

    issuer: Issuer
    signing_key: SigningKey
    key: ob3.Ed25519Key
    profile: ob3.IssuerProfile

    @classmethod
    def of(cls, issuer: Issuer) -> Signer:
        """Raises IssuingRefused when the site cannot issue (services/issuers.py)."""
        issuing_check()
        signing_key = signing_key_active(issuer=issuer)
        signing_key.issuer = issuer
        return cls(issuer, signing_key, engine_key(signing_key), issuer_profile(issuer))


def _signed(award: Award, signer: Signer, status_list: StatusList, index: int) -> IssuedCredential:
    """The credential for ``award``, built and signed, not yet saved."""
    learner = award.learner
    issued_at = award.awarded_at.replace(microsecond=0)
    credential_id = uuid.uuid4()
    valid_until = _valid_until(award, issued_at)
    document = ob3.build_credential(
        achievement_of(award, signer.issuer),
        ob3.Recipient(
            email=learner.email,
            salt=ob3.new_salt(),
            id=learner.did or subject_id_for(credential_id),
            credits_earned=award.snapshot.get("ce_credits") or None,
        ),
        issuer=signer.profile,
        credential_id=credential_url(credential_id),
        valid_from=issued_at,
        valid_until=valid_until,
        awarded=issued_at,
        evidence=evidence_of(award, component_credential_urls(award)),
        status=ob3.StatusListEntry(list_credential=status_list_url(status_list.pk), index=index),
        name=award.snapshot["title"],
    )
    signed = ob3.sign_credential(
        document, signer.key, created=timezone.now().replace(microsecond=0)
    )
    return IssuedCredential(
        id=credential_id,
        award=award,
        learner=learner,
        issuer=signer.issuer,
        signing_key=signer.signing_key,
        title=award.snapshot["title"][:200],
        document=signed,
        issued_at=issued_at,
        valid_until=valid_until,
        status_list=status_list,
        status_index=index,
        shows_name=bool(learner.display_name),
    )


def credential_issue(*, award: Award) -> IssuedCredential:
    """Build, sign and store the credential for ``award``; a second call (a retried task,
    a concurrent worker) returns the credential already issued."""
    existing = IssuedCredential.objects.filter(award=award).first()
    if existing is not None:
        return existing
    signer = Signer.of(issuer_for(micro_credential=award.micro_credential, pathway=award.pathway))
    return issued_with_retry(
        lambda status_list, index: _signed(award, signer, status_list, index),
        issuer=signer.issuer,
        existing=lambda: IssuedCredential.objects.filter(award=award).first(),
    )


def credential_issue_many(*, awards: list[Award]) -> int:
    """credential_issue for many awards (bulk awards, with their learners loaded): the
    issuer, key and status entries are looked up once per issuer and the credentials
    written together. Awards that already have one are skipped; returns how many were
    issued. Run it in the transaction that made the awards."""
    done = set(IssuedCredential.objects.filter(award__in=awards).values_list("award_id", flat=True))
    by_issuer: dict[int, list[Award]] = {}
    signers: dict[int, Signer] = {}
    issuers: dict[tuple[int | None, int | None], Issuer] = {}
    for award in awards:
        if award.pk in done:
            continue
        which = (award.micro_credential_id, award.pathway_id)
        if which not in issuers:
            issuers[which] = issuer_for(
                micro_credential=award.micro_credential, pathway=award.pathway
            )
        issuer = issuers[which]
        if issuer.pk not in signers:
            signers[issuer.pk] = Signer.of(issuer)
        by_issuer.setdefault(issuer.pk, []).append(award)
    issued = 0
    for issuer_pk, group in by_issuer.items():
        signer = signers[issuer_pk]
        for attempt in range(STATUS_TRIES):
            slots = status_indexes_allocate(issuer=signer.issuer, count=len(group))
            credentials = [
                _signed(award, signer, status_list, index)
                for award, (status_list, index) in zip(group, slots, strict=True)
            ]
            try:
                with transaction.atomic():  # a savepoint: a taken entry rolls back this batch
                    IssuedCredential.objects.bulk_create(credentials)
                break
            except IntegrityError:
                if attempt == STATUS_TRIES - 1:
                    raise
        _flag_if_built_on_revoked(credentials)
        issued += len(credentials)
    return issued


def _flag_if_built_on_revoked(credentials: list[IssuedCredential]) -> None:
    """A pathway awarded while one of the micro-credentials it counted is revoked (learning
    records awards, not revocations) waits for a staff review, as one whose component is
    revoked afterwards does (revocation.py)."""
    pathways = [c for c in credentials if c.award is not None and c.award.pathway_id]
    for credential in pathways:
        assert credential.award is not None
        slugs = [c["slug"] for c in credential.award.snapshot.get("components", [])]
        revoked = (
            IssuedCredential.objects.filter(
                learner_id=credential.learner_id,
                award__micro_credential__slug__in=slugs,
                revoked_at__isnull=False,
            )
            .values_list("title", flat=True)
            .first()
        )
        if revoked is not None:
            IssuedCredential.objects.filter(pk=credential.pk).update(
                needs_review=True, review_reason=f"Component “{revoked}” was revoked"
            )
            credential.needs_review = True


def kind_of(credential: IssuedCredential) -> str:
    return credential.kind
