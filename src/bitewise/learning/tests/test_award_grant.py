from __future__ import annotations

import pytest

from bitewise.accounts.models import Role
from bitewise.common.models import DomainEvent
from bitewise.learning.models import Award
from bitewise.learning.services import LearningError, award_grant
from bitewise.testing import make_micro_credential, make_pathway, make_user

pytestmark = pytest.mark.django_db


def test_a_granted_micro_credential_is_an_award_without_score_marked_as_granted() -> None:
    learner, staff, mc = make_user(), make_user(role=Role.ADMIN), make_micro_credential()

    award = award_grant(learner=learner, micro_credential=mc, granted_by=staff)

    assert award is not None and award.score is None
    assert award.snapshot["title"] == mc.title
    assert award.snapshot["granted"] == {"by": staff.pk}
    event = DomainEvent.objects.get(name="credential_earned")
    assert event.payload["award_id"] == award.pk


def test_granting_what_the_learner_holds_returns_none_and_emits_nothing() -> None:
    learner, mc = make_user(), make_micro_credential()
    award_grant(learner=learner, micro_credential=mc, granted_by=None)

    again = award_grant(learner=learner, micro_credential=mc, granted_by=None)

    assert again is None
    assert Award.objects.count() == 1
    assert DomainEvent.objects.count() == 1


def test_a_granted_pathway_names_only_the_components_the_learner_holds() -> None:
    learner = make_user()
    held, other = make_micro_credential(), make_micro_credential()
    pathway = make_pathway([held, other])
    award_grant(learner=learner, micro_credential=held, granted_by=None)

    award = award_grant(learner=learner, pathway=pathway, granted_by=None)

    assert award is not None and award.pathway == pathway
    assert [c["slug"] for c in award.snapshot["components"]] == [held.slug]
    assert award_grant(learner=learner, pathway=pathway, granted_by=None) is None


def test_granting_the_last_component_completes_the_pathway_as_earning_would() -> None:
    learner = make_user()
    first, second = make_micro_credential(), make_micro_credential()
    pathway = make_pathway([first, second])
    award_grant(learner=learner, micro_credential=first, granted_by=None)

    award_grant(learner=learner, micro_credential=second, granted_by=None)

    pathway_award = Award.objects.get(learner=learner, pathway=pathway)
    assert "granted" not in pathway_award.snapshot  # earned by the rule, not granted


def test_a_draft_cannot_be_granted() -> None:
    learner, mc = make_user(), make_micro_credential(publish=False)
    with pytest.raises(LearningError, match="draft"):
        award_grant(learner=learner, micro_credential=mc, granted_by=None)
    assert not Award.objects.exists()


def test_it_needs_exactly_one_achievement() -> None:
    learner, mc = make_user(), make_micro_credential()
    pathway = make_pathway([mc])
    with pytest.raises(ValueError):
        award_grant(learner=learner, granted_by=None)
    with pytest.raises(ValueError):
        award_grant(learner=learner, micro_credential=mc, pathway=pathway, granted_by=None)
