"""The demo's membership content loads, is safe to load again, and gives the demo learner
member access."""

from __future__ import annotations

import pytest

from bitewise.demo.membership import MEMBERS_ONLY, PRICED, load_membership
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import AccessRule, Plan, SeatPool
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_membership_loads_twice_without_duplicates() -> None:
    learner = make_user()
    mcs = {MEMBERS_ONLY: make_micro_credential(), PRICED: make_micro_credential()}

    load_membership(learner=learner, micro_credentials=mcs)
    load_membership(learner=learner, micro_credentials=mcs)

    assert AccessRule.objects.count() == 2 and Plan.objects.count() == 1
    assert SeatPool.objects.count() == 1
    assert decision_for(person=learner, target=mcs[MEMBERS_ONLY]).reason == "membership"
    outsider_price = decision_for(person=make_user(), target=mcs[PRICED]).price
    assert decision_for(person=learner, target=mcs[PRICED]).price == 19 and outsider_price == 39
