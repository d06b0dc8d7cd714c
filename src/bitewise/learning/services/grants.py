"""Awards made by staff, directly or in bulk, without the learning rules."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, MicroCredentialVersion, Pathway, Status
from bitewise.catalog.services import micro_credential_snapshot
from bitewise.common.events import CREDENTIAL_EARNED, events_record
from bitewise.learning.cache import learner_changed
from bitewise.learning.errors import LearningError
from bitewise.learning.models import Award
from bitewise.learning.services.awards import (
    _award_pathway,
    _earned_item,
    _held_micro_credential_ids,
    micro_credential_award,
    pathway_check_many,
)


@transaction.atomic
def award_grant(
    *,
    learner: User,
    micro_credential: MicroCredential | None = None,
    pathway: Pathway | None = None,
    granted_by: User | None,
) -> Award | None:
    """Award one micro-credential or pathway directly, without the learning rules (a
    conference, a recognised prior course). Exactly once: returns None when the learner
    already holds it. ``granted_by`` is the staff member (None: an operator on the CLI);
    the snapshot records it as ``granted: {"by": id}`` so the credential can tell a grant
    from an earned award. A granted micro-credential may complete a pathway, as usual."""
    if (micro_credential is None) == (pathway is None):
        raise ValueError("award_grant needs exactly one of micro_credential and pathway")
    achievement = micro_credential or pathway
    assert achievement is not None
    if achievement.status == Status.DRAFT:
        raise LearningError(f"“{achievement.title}” is a draft; publish it before awarding it.")
    granted = {"by": granted_by.pk if granted_by is not None else None}
    if micro_credential is not None:
        return micro_credential_award(
            learner=learner, micro_credential=micro_credential, score=None, granted=granted
        )
    assert pathway is not None
    return _award_pathway(
        learner=learner,
        pathway=pathway,
        held=_held_micro_credential_ids(learner),
        granted=granted,
    )


@transaction.atomic
def award_grant_many(
    *, learners: list[User], micro_credential: MicroCredential, granted_by: User | None
) -> dict[int, Award | None]:
    """award_grant of one micro-credential to many learners (bulk awards): learner id →
    the new award, or None for a learner who already held it. The awards, their events
    and any pathway they complete are written in a fixed number of queries; should a
    learner earn it at the same moment, the batch falls back to one grant at a time."""
    if micro_credential.status == Status.DRAFT:
        raise LearningError(
            f"“{micro_credential.title}” is a draft; publish it before awarding it."
        )
    held = set(
        Award.objects.filter(micro_credential=micro_credential, learner__in=learners).values_list(
            "learner_id", flat=True
        )
    )
    result: dict[int, Award | None] = {learner.pk: None for learner in learners}
    fresh = [learner for learner in learners if learner.pk not in held]
    if not fresh:
        return result
    version = MicroCredentialVersion.objects.filter(
        micro_credential=micro_credential, number=micro_credential.version
    ).first()
    snapshot = version.snapshot if version else micro_credential_snapshot(micro_credential)
    snapshot = {**snapshot, "granted": {"by": granted_by.pk if granted_by is not None else None}}
    try:
        with transaction.atomic():
            awards = Award.objects.bulk_create(
                [
                    Award(
                        learner=learner,
                        micro_credential=micro_credential,
                        micro_credential_version=version,
                        snapshot=snapshot,
                    )
                    for learner in fresh
                ]
            )
    except IntegrityError:
        for learner in fresh:
            result[learner.pk] = award_grant(
                learner=learner, micro_credential=micro_credential, granted_by=granted_by
            )
        return result
    items = [
        _earned_item(
            award,
            kind="micro_credential",
            achievement_id=micro_credential.pk,
            slug=micro_credential.slug,
            version=micro_credential.version,
        )
        for award in awards
    ]
    learner_changed(award.learner_id for award in awards)
    events_record(name=CREDENTIAL_EARNED, items=[(item["key"], item["payload"]) for item in items])
    pathway_check_many(learners=fresh, micro_credential=micro_credential)
    result.update({award.learner_id: award for award in awards})
    return result
