"""Reads for spaced retrieval; ``access_card`` raises Http404 for both missing and not yours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Skill
from bitewise.engines.spacing import (
    DueItem,
    Hold,
    is_hold_in_bounds,
    predicted_recall,
    retention_by_skill,
    spread,
)
from bitewise.reviews.data import RecallItem
from bitewise.reviews.models import ReviewCard, ReviewLog, ReviewPreferences


@dataclass(frozen=True)
class ReviewQueue:
    cards: list[ReviewCard]  # today's, lowest predicted recall first
    done_today: int
    due_total: int
    later: dict[date, int] = field(default_factory=dict)  # the backlog spread over next days
    hold: Hold | None = None
    is_on_hold: bool = False

    @property
    def left_today(self) -> int:
        return len(self.cards)


@dataclass(frozen=True)
class SkillRetentionRow:
    skill_id: int
    name: str
    slug: str
    cards: int
    retention: float


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def recall_of(card: ReviewCard, at: datetime) -> float:
    return predicted_recall(stability=card.stability, last_review=card.last_review_at, at=at)


def preferences_of(learner: User) -> ReviewPreferences:
    """The saved preferences, or unsaved defaults (no hold, no digest)."""
    found = ReviewPreferences.objects.filter(learner=learner).first()
    return found or ReviewPreferences(learner=learner)


def hold_of(preferences: ReviewPreferences, today: date | None = None) -> Hold | None:
    """The saved hold; none when there is none, or when the row holds dates no hold may
    have (saved before they were bounded): those are ignored, and the form clears them."""
    if preferences.hold_from is None or preferences.hold_to is None:
        return None
    today = today or timezone.localdate()
    if not is_hold_in_bounds(preferences.hold_from, preferences.hold_to, today=today):
        return None
    return Hold(
        starts=day_start(preferences.hold_from),
        ends=day_start(preferences.hold_to + timedelta(days=1)),
    )


def due_filter(hold: Hold | None, now: datetime) -> Q | None:
    """``Hold.is_due`` in SQL; None while a hold is on (nothing is due)."""
    if hold is None or now < hold.starts:
        return Q(due_at__lte=now)
    if hold.is_active(now):
        return None
    return Q(due_at__gte=hold.ends, due_at__lte=now) | Q(
        due_at__lt=hold.ends, due_at__lte=now - hold.length
    )


def is_card_due(card: ReviewCard, *, hold: Hold | None, now: datetime) -> bool:
    return hold.is_due(card.due_at, now) if hold else card.due_at <= now


def reviews_done_today(learner: User, now: datetime) -> int:
    start = day_start(timezone.localdate(now))
    return ReviewLog.objects.filter(learner=learner, reviewed_at__gte=start).count()


def review_queue(*, learner: User, now: datetime | None = None) -> ReviewQueue:
    """Today's reviews: the due cards, lowest predicted recall first, at most
    BITEWISE_REVIEWS_PER_DAY a day; the rest of the backlog is spread over the next days."""
    now = now or timezone.now()
    per_day = settings.BITEWISE_REVIEWS_PER_DAY
    hold = hold_of(preferences_of(learner), today=timezone.localdate(now))
    done = reviews_done_today(learner, now)
    due = due_filter(hold, now)
    if due is None:
        return ReviewQueue(cards=[], done_today=done, due_total=0, hold=hold, is_on_hold=True)
    cards = {
        card.pk: card
        for card in ReviewCard.objects.filter(due, learner=learner).only(
            "pk", "stability", "last_review_at", "due_at"
        )
    }
    today = timezone.localdate(now)
    items = [DueItem(card_id=pk, due_on=today, recall=recall_of(c, now)) for pk, c in cards.items()]
    plan = spread(items, today=today, per_day=per_day, left_today=per_day - done)
    shown = plan.pop(today, [])
    by_id = ReviewCard.objects.select_related("question").prefetch_related("question__choices")
    loaded = by_id.in_bulk(shown)
    return ReviewQueue(
        cards=[loaded[pk] for pk in shown if pk in loaded],
        done_today=done,
        due_total=len(cards),
        later={day: len(ids) for day, ids in plan.items()},
        hold=hold,
    )


def access_card(*, learner: User, card_id: int) -> ReviewCard:
    card = ReviewCard.objects.select_related("question").filter(pk=card_id, learner=learner).first()
    if card is None:
        raise Http404("No such review card")
    return card


def forgotten_first(*, learner: User, skill_id: int, limit: int = 5) -> list[RecallItem]:
    """The learner's cards on a skill (through their lessons), lowest predicted recall
    first; ties by question id."""
    now = timezone.now()
    rows = ReviewCard.objects.filter(
        learner=learner, question__lesson__skills=skill_id
    ).values_list(
        "question_id", "question__lesson_id", "question__prompt", "stability", "last_review_at"
    )
    items = [
        RecallItem(
            question_id=question_id,
            lesson_id=lesson_id,
            prompt=prompt,
            predicted_recall=predicted_recall(stability=stability, last_review=last, at=now),
        )
        for question_id, lesson_id, prompt, stability, last in rows
    ]
    items.sort(key=lambda item: (item.predicted_recall, item.question_id))
    return items[: max(0, limit)]


def retention_for_learner(*, learner: User, now: datetime | None = None) -> list[SkillRetentionRow]:
    """Per skill of the lessons the learner's cards come from: mean predicted recall now."""
    now = now or timezone.now()
    rows = ReviewCard.objects.filter(
        learner=learner, question__lesson__skills__isnull=False
    ).values_list("question__lesson__skills", "stability", "last_review_at")
    estimates = retention_by_skill(
        (skill_id, predicted_recall(stability=stability, last_review=last, at=now))
        for skill_id, stability, last in rows
    )
    skills = {
        pk: (name, slug)
        for pk, name, slug in Skill.objects.filter(
            pk__in=[e.skill_id for e in estimates]
        ).values_list("pk", "name", "slug")
    }
    return [
        SkillRetentionRow(
            skill_id=e.skill_id,
            name=skills[e.skill_id][0],
            slug=skills[e.skill_id][1],
            cards=e.cards,
            retention=e.retention,
        )
        for e in estimates
    ]
