"""Awards, exactly once: a micro-credential whose passing rule is met, the pathways it
completes, each with its ``credential_earned`` event in the same transaction (staff grants
are in ``grants.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, MicroCredentialVersion, Pathway, Status
from bitewise.catalog.services import micro_credential_snapshot
from bitewise.common.events import CREDENTIAL_EARNED, event_record
from bitewise.engines.progress.rules import PathwayRule, pathway_satisfied
from bitewise.learning.cache import learner_changed
from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Award
from bitewise.learning.selectors import standings_for


def progress_evaluate(
    *, learner: User, micro_credentials: Sequence[MicroCredential]
) -> list[Award]:
    """Award every given (subscribed) micro-credential whose passing rule is now met."""
    if not micro_credentials:
        return []
    already = set(
        Award.objects.filter(learner=learner, micro_credential__in=micro_credentials).values_list(
            "micro_credential_id", flat=True
        )
    )
    pending = [mc for mc in micro_credentials if mc.pk not in already]
    awards = []
    for mc_id, standing in standings_for(learner=learner, micro_credentials=pending).items():
        if standing.is_passed:
            mc = next(m for m in pending if m.pk == mc_id)
            award = micro_credential_award(
                learner=learner, micro_credential=mc, score=standing.score
            )
            if award is not None:
                awards.append(award)
    return awards


def _earned_event(award: Award, *, kind: str, achievement_id: int, slug: str, version: int) -> None:
    event_record(
        name=CREDENTIAL_EARNED,
        **_earned_item(award, kind=kind, achievement_id=achievement_id, slug=slug, version=version),
    )


def _earned_item(
    award: Award, *, kind: str, achievement_id: int, slug: str, version: int
) -> dict[str, Any]:
    earned = CredentialEarned(
        award_id=award.pk,
        learner_id=award.learner_id,
        kind=kind,  # type: ignore[arg-type]
        achievement_id=achievement_id,
        achievement_slug=slug,
        version=version,
        score=award.score,
        awarded_at=award.awarded_at.isoformat(),
        snapshot=award.snapshot,
    )
    return {"key": f"{CREDENTIAL_EARNED}:award:{award.pk}", "payload": earned.to_payload()}


def micro_credential_award(
    *,
    learner: User,
    micro_credential: MicroCredential,
    score: int | None,
    granted: dict[str, Any] | None = None,
) -> Award | None:
    """Record the award and emit ``credential_earned``, exactly once per learner and
    micro-credential: the unique constraint decides between concurrent requests, and
    the loser returns None without emitting anything. ``granted`` marks an award made
    by staff rather than earned (kept in the snapshot as ``snapshot["granted"]``)."""
    version = MicroCredentialVersion.objects.filter(
        micro_credential=micro_credential, number=micro_credential.version
    ).first()
    snapshot = version.snapshot if version else micro_credential_snapshot(micro_credential)
    if granted is not None:
        snapshot = {**snapshot, "granted": granted}
    award = _record_award(
        kind="micro_credential",
        achievement_id=micro_credential.pk,
        slug=micro_credential.slug,
        version=micro_credential.version,
        fields={
            "learner": learner,
            "micro_credential": micro_credential,
            "micro_credential_version": version,
            "snapshot": snapshot,
            "score": score,
        },
    )
    if award is None:
        return None
    pathway_check(learner=learner, micro_credential=micro_credential)
    return award


def _record_award(
    *, kind: str, achievement_id: int, slug: str, version: int, fields: dict[str, Any]
) -> Award | None:
    """Create the award and its ``credential_earned`` event together, or neither: the
    unique constraints decide concurrent attempts and the loser gets None."""
    try:
        with transaction.atomic():
            award = Award.objects.create(**fields)
            _earned_event(
                award, kind=kind, achievement_id=achievement_id, slug=slug, version=version
            )
    except IntegrityError:
        return None
    learner_changed([award.learner_id])
    return award


def _held_micro_credential_ids(learner: User) -> set[int]:
    return set(
        Award.objects.filter(learner=learner, micro_credential__isnull=False).values_list(
            "micro_credential_id", flat=True
        )
    )


def _award_pathway(
    *, learner: User, pathway: Pathway, held: set[int], granted: dict[str, Any] | None = None
) -> Award | None:
    """Record a pathway award and its ``credential_earned`` event, exactly once (None
    when the learner already holds it). ``held`` names the components in the snapshot."""
    snapshot: dict[str, Any] = {
        "id": pathway.pk,
        "slug": pathway.slug,
        "title": pathway.title,
        "summary": pathway.summary,
        "version": pathway.version,
        "rule": pathway.rule,
        "required_count": pathway.required_count,
        "validity_months": pathway.validity_months,
        "components": [
            {"id": mc.pk, "slug": mc.slug, "title": mc.title}
            for mc in pathway.micro_credentials.all()
            if mc.pk in held
        ],
    }
    if granted is not None:
        snapshot["granted"] = granted
    return _record_award(
        kind="pathway",
        achievement_id=pathway.pk,
        slug=pathway.slug,
        version=pathway.version,
        fields={"learner": learner, "pathway": pathway, "snapshot": snapshot},
    )


def pathway_check(*, learner: User, micro_credential: MicroCredential) -> list[Award]:
    """On every award: award each published pathway this one completes."""
    return pathway_check_many(learners=[learner], micro_credential=micro_credential)


def pathway_check_many(*, learners: list[User], micro_credential: MicroCredential) -> list[Award]:
    """Award each published pathway that ``micro_credential`` completes, for every learner
    just awarded it, in a fixed number of queries when no pathway is completed (the usual
    case)."""
    pathways = list(
        Pathway.objects.filter(
            status=Status.PUBLISHED, micro_credentials=micro_credential
        ).prefetch_related("micro_credentials")
    )
    if not pathways or not learners:
        return []
    held: dict[int, set[int]] = {learner.pk: set() for learner in learners}
    for learner_id, mc_id in Award.objects.filter(
        learner__in=learners, micro_credential__isnull=False
    ).values_list("learner_id", "micro_credential_id"):
        held[learner_id].add(mc_id)
    holding = set(
        Award.objects.filter(learner__in=learners, pathway__in=pathways).values_list(
            "learner_id", "pathway_id"
        )
    )
    awards = []
    for pathway in pathways:
        members = {mc.pk for mc in pathway.micro_credentials.all()}
        rule = PathwayRule(pathway.rule)
        for learner in learners:
            if (learner.pk, pathway.pk) in holding or not pathway_satisfied(
                rule=rule,
                required_count=pathway.required_count,
                members=members,
                held=held[learner.pk],
            ):
                continue
            award = _award_pathway(learner=learner, pathway=pathway, held=held[learner.pk])
            if award is not None:
                awards.append(award)
    return awards
