"""email_allowed: the one check other apps make before emailing a learner."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bitewise.accounts.models import User
from bitewise.reinforcement.models import Unsubscribe, UnsubscribeScope
from bitewise.reinforcement.services.sending import address_mark_bouncing
from bitewise.reinforcement.services.unsubscribe import (
    UnsubscribeRequest,
    email_allowed,
    resubscribe,
    unsubscribe_apply,
)
from bitewise.reinforcement.tests.factories import make_learner

pytestmark = pytest.mark.django_db


def unsubscribed_from(scope: str) -> Callable[[User], object]:
    return lambda learner: unsubscribe_apply(request=UnsubscribeRequest(learner.pk, scope))


def deactivated(learner: User) -> None:
    learner.is_active = False
    learner.save(update_fields=["is_active"])


@pytest.mark.parametrize(
    ("given", "reviews", "digest"),
    [
        pytest.param(lambda learner: None, True, True, id="nothing-said"),
        pytest.param(unsubscribed_from(UnsubscribeScope.ALL), False, False, id="all-email"),
        pytest.param(unsubscribed_from(UnsubscribeScope.REVIEWS), False, True, id="reviews-only"),
        pytest.param(unsubscribed_from(UnsubscribeScope.DIGEST), True, False, id="digest-only"),
        pytest.param(
            lambda learner: address_mark_bouncing(email=learner.email, reason="550"),
            False,
            False,
            id="bouncing",
        ),
        pytest.param(deactivated, False, False, id="inactive"),
    ],
)
def test_email_allowed_follows_unsubscribes_bounces_and_the_account(
    given: Callable[[User], object], reviews: bool, digest: bool
) -> None:
    learner = make_learner()
    given(learner)

    assert email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS) is reviews
    assert email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.DIGEST) is digest


def test_email_turned_off_in_delivery_preferences_allows_none() -> None:
    learner = make_learner(email_on=False)

    assert not email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS)


def test_a_deleted_learner_is_not_emailed() -> None:
    assert not email_allowed(learner_id=987_654, scope=UnsubscribeScope.REVIEWS)


def test_a_campaign_or_topic_scope_is_refused_as_it_needs_its_target() -> None:
    learner = make_learner()

    with pytest.raises(ValueError, match="campaign or topic"):
        email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.CAMPAIGN)


def test_a_reviews_unsubscribe_is_recorded_once_and_can_be_undone() -> None:
    learner = make_learner()
    request = UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS)

    assert unsubscribe_apply(request=request) and unsubscribe_apply(request=request)
    assert Unsubscribe.objects.filter(learner=learner, scope="reviews").count() == 1

    resubscribe(learner=learner, scope=UnsubscribeScope.REVIEWS)
    assert email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS)
