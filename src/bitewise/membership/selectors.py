"""Reads for membership pages and the API; ``access_*`` raise 404 for missing and not yours."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential, Pathway
from bitewise.catalog.selectors import (
    access_micro_credential,
    access_pathway,
    micro_credentials_visible_to,
    pathways_visible_to,
)
from bitewise.engines.text.numbers import whole_number
from bitewise.membership.models import (
    AccessRule,
    Membership,
    Order,
    Plan,
    SeatAssignment,
    Subscription,
)
from bitewise.reinforcement.selectors import access_event
from bitewise.webinars.selectors import access_webinar, webinars_visible_to

KIND_NAMES = {"micro-credential", "pathway", "webinar", "event"}


def access_item(*, kind: str, key: str, user: User | None) -> Model:
    """The item a buy link names, as its own app shows it (404 when hidden or missing)."""
    if kind == "micro-credential":
        return access_micro_credential(slug=key, user=user)
    if kind == "pathway":
        return access_pathway(slug=key, user=user)
    if kind == "webinar":
        try:
            return access_webinar(webinar_id=uuid.UUID(key), user=user)
        except ValueError as exc:
            raise Http404("No such webinar") from exc
    event_id = whole_number(key) if kind == "event" else None
    if event_id is not None:
        return access_event(event_id)
    raise Http404("No such item")


def item_path(target: Model) -> str:
    """The item's own page: where a cancelled or refused checkout returns to."""
    from django.urls import reverse

    from bitewise.webinars.models import Webinar

    if isinstance(target, MicroCredential):
        return reverse("catalog:micro_credential", args=[target.slug])
    if isinstance(target, Pathway):
        return reverse("catalog:pathway", args=[target.slug])
    if isinstance(target, Webinar):
        return reverse("webinars:detail", args=[target.pk])
    return reverse("reinforcement:event", args=[target.pk])


def rule_of(target: Model) -> AccessRule | None:
    from bitewise.membership.entitlements import KINDS

    return AccessRule.objects.filter(**{KINDS[type(target)]: target}).first()


def access_order_for_buyer(*, reference: str, user: User) -> Order:
    try:
        ref = uuid.UUID(reference)
    except ValueError as exc:
        raise Http404("No such order") from exc
    order = Order.objects.filter(reference=ref, buyer=user).first()
    if order is None:
        raise Http404("No such order")
    return order


def access_subscription_for_person(*, subscription_id: int, user: User) -> Subscription:
    subscription = Subscription.objects.filter(pk=subscription_id, person=user).first()
    if subscription is None:
        raise Http404("No such subscription")
    return subscription


@dataclass(frozen=True)
class MyMembership:
    membership: Membership | None
    subscriptions: list[Subscription]
    seats: list[SeatAssignment]
    orders: list[Order]
    plans: list[Plan]


def my_membership(*, user: User) -> MyMembership:
    return MyMembership(
        membership=Membership.objects.filter(person=user).select_related("tier").first(),
        subscriptions=list(Subscription.objects.filter(person=user).select_related("plan")),
        seats=list(
            SeatAssignment.objects.filter(person=user).select_related(
                "pool__plan", "pool__rule__micro_credential", "pool__rule__pathway"
            )
        ),
        orders=list(Order.objects.filter(buyer=user)[:50]),
        plans=list(plans_offered()),
    )


def plans_offered() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True).prefetch_related("micro_credentials")


def access_plan(*, slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug, is_active=True).first()
    if plan is None:
        raise Http404("No such plan")
    return plan


@dataclass(frozen=True)
class ItemAccess:
    kind: str
    id: str
    title: str
    allowed: bool
    reason: str
    price: str | None
    list_price: str | None
    currency: str


def item_access_list(*, person: User | None) -> list[ItemAccess]:
    """The person's decision on every item that is not open to all (one query for the
    rules, plus the person's facts): what an outside system asks "may they?" about."""
    from bitewise.engines.access.rules import decide
    from bitewise.membership.entitlements import person_facts, rule_value
    from bitewise.membership.models import TARGET_FIELDS, AccessMode

    facts = person_facts(person)
    rules = (
        AccessRule.objects.exclude(mode=AccessMode.OPEN)
        .filter(_visible_targets(person))
        .select_related("min_tier", *TARGET_FIELDS)
        .order_by("id")
    )
    items = []
    for rule in rules:
        kind = rule.target_kind
        decision = decide(rule_value(rule), facts.holder(kind, rule.target_id, rule.pk))
        items.append(
            ItemAccess(
                kind=kind,
                id=str(rule.target_id),
                title=str(getattr(rule.target, "title", "")),
                allowed=decision.allowed,
                reason=decision.reason.value,
                price=None if decision.price is None else str(decision.price),
                list_price=None if decision.list_price is None else str(decision.list_price),
                currency=decision.currency,
            )
        )
    return items


def _visible_targets(person: User | None) -> Q:
    """Rules of the items ``person`` may see, as each item's own app decides (a draft's
    title and price are not for learners); events have no hidden state."""
    return (
        Q(micro_credential__in=micro_credentials_visible_to(person))
        | Q(pathway__in=pathways_visible_to(person))
        | Q(webinar__in=webinars_visible_to(person))
        | Q(event__isnull=False)
    )


def person_for_lookup(*, email: str = "", member_id: str = "") -> User:
    person = None
    if member_id:
        membership = Membership.objects.filter(member_id=member_id).select_related("person").first()
        person = membership.person if membership else None
    elif email:
        person = User.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise Http404("No such person")
    return person


def lessons_sharing_media(micro_credential: MicroCredential) -> list[Lesson]:
    """Lessons of ``micro_credential`` that play a stored recording a lesson outside it plays
    too. A recording file opens to whoever may open any lesson playing it, so closing this
    micro-credential does not close that file: staff are told to give these lessons a clip."""
    outside = Lesson.objects.exclude(memberships__micro_credential=micro_credential).filter(
        media_file=OuterRef("media_file")
    )
    return list(
        Lesson.objects.filter(memberships__micro_credential=micro_credential)
        .exclude(media_file="")
        .filter(Exists(outside))
        .order_by("memberships__position", "pk")
        .only("pk", "title")
    )
