"""forgotten_first (for "brush up") and retention per skill."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from bitewise.reviews.data import RecallItem
from bitewise.reviews.selectors import access_card, forgotten_first, retention_for_learner
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import make_skill, make_user

pytestmark = pytest.mark.django_db


def test_forgotten_first_lists_the_skills_cards_lowest_recall_first() -> None:
    learner, skill = make_user(), make_skill()
    now = timezone.now()
    recent = make_card(learner, skill=skill, at=now - timedelta(days=2))
    old = make_card(learner, skill=skill, at=now - timedelta(days=30))
    make_card(learner, skill=make_skill(), at=now - timedelta(days=60))  # another skill
    make_card(make_user(), skill=skill, at=now - timedelta(days=90))  # another learner

    items = forgotten_first(learner=learner, skill_id=skill.pk)

    assert [i.question_id for i in items] == [old.question_id, recent.question_id]
    assert isinstance(items[0], RecallItem)
    assert items[0].lesson_id == old.question.lesson_id
    assert items[0].prompt == old.question.prompt
    assert 0 <= items[0].predicted_recall < items[1].predicted_recall <= 1


def test_forgotten_first_honours_the_limit_and_knows_nothing_of_unmet_skills() -> None:
    learner, skill = make_user(), make_skill()
    for days in (1, 2, 3):
        make_card(learner, skill=skill, at=timezone.now() - timedelta(days=days))
    assert len(forgotten_first(learner=learner, skill_id=skill.pk, limit=2)) == 2
    assert forgotten_first(learner=learner, skill_id=make_skill().pk) == []


def test_retention_is_the_mean_recall_per_skill_lowest_first() -> None:
    learner = make_user()
    fresh, stale = make_skill("Triage"), make_skill("Dosage")
    make_card(learner, skill=fresh)
    make_card(learner, skill=stale, at=timezone.now() - timedelta(days=60))
    make_card(learner, skill=stale)
    make_card(learner)  # no skill: not counted

    rows = retention_for_learner(learner=learner)

    assert [(r.name, r.cards) for r in rows] == [("Dosage", 2), ("Triage", 1)]
    assert rows[0].retention < rows[1].retention == 1.0


def test_access_card_is_a_404_for_another_learners_card() -> None:
    card = make_card(make_user())
    with pytest.raises(Http404):
        access_card(learner=make_user(), card_id=card.pk)
    assert access_card(learner=card.learner, card_id=card.pk) == card
