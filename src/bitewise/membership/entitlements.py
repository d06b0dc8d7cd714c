"""Entitlement resolution: the one place that decides whether a person may open a
micro-credential, pathway, webinar or event, and what it costs them otherwise.

The catalog, the lesson player, subscribing, assessments, webinar and event registration
and the API all call ``access_require`` (or ``decisions_for`` for a list); the decision
itself is ``engines.access.rules.decide``. Reads are bounded: a person's facts take three
queries, read only when an item is closed; the rules come from the shared cache
(``membership.rule_cache``), one query per kind of item when it is cold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    Lesson,
    MicroCredential,
    MicroCredentialLesson,
    Pathway,
    Status,
)
from bitewise.catalog.selectors import lessons_visible_to
from bitewise.engines.access.rules import (
    Decision,
    Holder,
    Reason,
    decide,
    refusal_message,
)
from bitewise.membership.models import (
    AccessGrant,
    Membership,
    Plan,
    SeatAssignment,
    Subscription,
    SubscriptionStatus,
    TargetKind,
)
from bitewise.membership.rule_cache import rule_value, rules_of_kind
from bitewise.reinforcement.models import Event
from bitewise.webinars.models import Webinar

KINDS: dict[type[Model], str] = {
    MicroCredential: TargetKind.MICRO_CREDENTIAL,
    Pathway: TargetKind.PATHWAY,
    Webinar: TargetKind.WEBINAR,
    Event: TargetKind.EVENT,
}


class AccessRefused(PermissionDenied):
    """Refused by the item's access rule; the message says why and what to do."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(refusal_message(decision))
        self.decision = decision


@dataclass(frozen=True)
class PersonFacts:
    """What decides access for one person, read once per request."""

    is_signed_in: bool = False
    is_staff: bool = False
    tier_rank: int | None = None
    tier_name: str = ""
    granted_rule_ids: frozenset[int] = field(default_factory=frozenset)
    # Micro-credentials of a pathway the person bought or holds a seat for.
    granted_mc_ids: frozenset[int] = field(default_factory=frozenset)
    subscribed_ids: frozenset[int] = field(default_factory=frozenset)  # micro-credential ids
    lapsed_ids: frozenset[int] = field(default_factory=frozenset)

    def holder(self, kind: str, target_id: object, rule_id: int | None) -> Holder:
        is_mc = kind == TargetKind.MICRO_CREDENTIAL
        return Holder(
            is_signed_in=self.is_signed_in,
            is_staff=self.is_staff,
            tier_rank=self.tier_rank,
            has_grant=(rule_id is not None and rule_id in self.granted_rule_ids)
            or (is_mc and target_id in self.granted_mc_ids),
            in_subscription=is_mc and target_id in self.subscribed_ids,
            had_subscription=is_mc and target_id in self.lapsed_ids,
        )


def person_facts(person: User | None) -> PersonFacts:
    if person is None or not person.is_authenticated:
        return PersonFacts()
    if person.is_staff:
        return PersonFacts(is_signed_in=True, is_staff=True)
    now = timezone.now()
    membership = Membership.objects.filter(person=person).select_related("tier").first()
    rank, tier_name = None, ""
    if membership is not None and membership.is_current_on(timezone.localdate()):
        rank = membership.tier.rank if membership.tier else 0
        tier_name = membership.tier.name if membership.tier else "Member"
    granted = AccessGrant.objects.filter(person=person, ended_at=None).filter(
        Q(seat=None) | Q(seat__pool__ends_at=None) | Q(seat__pool__ends_at__gt=now)
    )
    grant_rows = list(granted.values_list("rule_id", "rule__pathway_id"))
    pathway_ids = [pathway_id for _, pathway_id in grant_rows if pathway_id is not None]
    granted_mcs = (
        set(
            Pathway.micro_credentials.through.objects.filter(
                pathway_id__in=pathway_ids
            ).values_list("microcredential_id", flat=True)
        )
        if pathway_ids
        else set()
    )
    # One query for both ways into a plan's pool: a subscription (current or lapsed) and
    # a seat of a plan pool (current only).
    subscriptions = Subscription.objects.filter(person=person, plan=OuterRef("plan"))
    current_subscription = subscriptions.filter(
        status=SubscriptionStatus.ACTIVE, current_period_end__gt=now
    )
    current_seat = SeatAssignment.objects.filter(
        Q(pool__ends_at=None) | Q(pool__ends_at__gt=now),
        person=person,
        pool__plan=OuterRef("plan"),
        pool__ended_at=None,
    )
    pool_rows = (
        # django-stubs cannot see the is_current annotation in values_list below.
        Plan.micro_credentials.through.objects.annotate(  # type: ignore[misc]
            is_current=Exists(current_subscription) | Exists(current_seat)
        )
        .filter(Q(Exists(subscriptions)) | Q(Exists(current_seat)))
        .values_list("microcredential_id", "is_current")
    )
    current: set[int] = set()
    lapsed: set[int] = set()
    for mc_id, is_current in pool_rows:
        (current if is_current else lapsed).add(mc_id)
    return PersonFacts(
        is_signed_in=True,
        tier_rank=rank,
        tier_name=tier_name,
        granted_rule_ids=frozenset(rule_id for rule_id, _ in grant_rows),
        granted_mc_ids=frozenset(granted_mcs),
        subscribed_ids=frozenset(current),
        lapsed_ids=frozenset(lapsed - current),
    )


def decisions_for(
    *, person: User | None, kind: str, ids: Sequence[object], facts: PersonFacts | None = None
) -> dict[Any, Decision]:
    """A decision for each id of one kind of item: the rules come from the shared cache
    (one query when it is cold), the person's facts (three queries) are read only when one
    of the items is not open to all."""
    rules = rules_of_kind(kind)
    found = {target_id: rules.get(target_id) for target_id in ids}
    if facts is None:
        # Open items need nothing about the person: read their facts only when needed.
        is_closed = any(entry.is_closed for entry in found.values() if entry is not None)
        facts = person_facts(person) if is_closed else PersonFacts()
    decisions = {}
    for target_id, entry in found.items():
        holder = facts.holder(kind, target_id, entry.pk if entry else None)
        decisions[target_id] = decide(entry.rule if entry else None, holder)
    return decisions


def micro_credential_decisions(
    *, person: User | None, ids: Sequence[object], facts: PersonFacts | None = None
) -> dict[Any, Decision]:
    """decisions_for the micro-credentials ``ids`` (the catalog page's cards)."""
    return decisions_for(person=person, kind=TargetKind.MICRO_CREDENTIAL, ids=ids, facts=facts)


def decision_for(*, person: User | None, target: Model) -> Decision:
    kind = KINDS[type(target)]
    return decisions_for(person=person, kind=kind, ids=[target.pk])[target.pk]


def access_require(*, person: User | None, target: Model) -> Decision:
    """The permission check: the decision when allowed, AccessRefused (a 403 with the
    reason) when not."""
    decision = decision_for(person=person, target=target)
    if not decision.allowed:
        raise AccessRefused(decision)
    return decision


def lesson_access_require(*, person: User | None, lesson: Lesson) -> None:
    """A lesson opens when any published micro-credential holding it opens (or none holds it)."""
    if person is not None and person.is_staff:
        return
    ids = list(
        lesson.micro_credentials.filter(status=Status.PUBLISHED).values_list("id", flat=True)
    )
    if not ids:
        return
    decisions = decisions_for(person=person, kind=TargetKind.MICRO_CREDENTIAL, ids=ids)
    if not any(d.allowed for d in decisions.values()):
        raise AccessRefused(next(iter(decisions.values())))


def refused_micro_credential_ids(*, person: User | None) -> tuple[set[int], PersonFacts | None]:
    """Every micro-credential this person may not open without paying or joining: the
    catalog's "included in my membership" filter leaves them out. The closed rules come
    from the shared cache; the person's facts are read only when there are any, and
    returned (``None`` when not read) so the page's cards reuse them."""
    closed = {
        mc_id: entry
        for mc_id, entry in rules_of_kind(TargetKind.MICRO_CREDENTIAL).items()
        if entry.is_closed
    }
    if not closed:
        return set(), None
    facts = person_facts(person)
    kind = TargetKind.MICRO_CREDENTIAL
    refused = {
        mc_id
        for mc_id, entry in closed.items()
        if not decide(entry.rule, facts.holder(kind, mc_id, entry.pk)).allowed
    }
    return refused, facts


def subscriptions_of(person: User) -> list[Subscription]:
    return list(Subscription.objects.filter(person=person).select_related("plan"))


def seats_of(person: User) -> list[SeatAssignment]:
    return list(SeatAssignment.objects.filter(person=person).select_related("pool"))


__all__ = [
    "AccessRefused",
    "Decision",
    "Reason",
    "access_require",
    "decisions_for",
    "rule_value",
]


def refused_lesson_ids(*, person: User | None) -> set[int]:
    """Lessons ``person`` may not open: every published micro-credential holding them is refused
    to them. One query on the closed rules (none when nothing is closed), then one more."""
    if person is not None and person.is_staff:
        return set()
    refused, _ = refused_micro_credential_ids(person=person)
    if not refused:
        return set()
    opens_elsewhere = MicroCredentialLesson.objects.filter(
        lesson_id=OuterRef("pk"), micro_credential__status=Status.PUBLISHED
    ).exclude(micro_credential_id__in=refused)
    return set(
        Lesson.objects.filter(micro_credentials__in=refused)
        .exclude(Exists(opens_elsewhere))
        .values_list("pk", flat=True)
    )


def lessons_open_to(person: User | None) -> QuerySet[Lesson]:
    """The lessons whose content ``person`` may have (text, media, captions, passages): visible
    (``catalog.selectors.lessons_visible_to``) and let in by an access rule."""
    visible = lessons_visible_to(person)
    refused = refused_lesson_ids(person=person)
    return visible.exclude(pk__in=refused) if refused else visible
