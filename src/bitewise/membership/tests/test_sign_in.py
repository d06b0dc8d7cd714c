"""Single sign-on sets the membership: the claims of the person's latest sign-in, mapped by
the provider's configuration, become their membership when they log in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import Membership, MembershipSource, MembershipStatus
from bitewise.membership.tests.factories import make_member, make_tier, members_only
from bitewise.sso.models import SsoLink
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db

PROVIDER = {
    "slug": "association",
    "label": "Sign in with the Association",
    "protocol": "oidc",
    "discovery_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    "client_id": "bitewise",
    "claims": {
        "status": "membership_status",
        "tier": "membership_tier",
        "expires": "membership_expires",
        "active_values": ["active"],
    },
}


@pytest.fixture(autouse=True)
def configured(settings: Any) -> None:
    settings.BITEWISE_SSO_PROVIDERS = [PROVIDER]


def signed_in_with(user: Any, claims: dict[str, Any]) -> None:
    """What the sso app stores on a sign-in, then the log-in itself."""
    SsoLink.objects.update_or_create(
        user=user,
        provider="association",
        defaults={
            "subject": f"sub-{user.pk}",
            "email": user.email,
            "last_sign_in_at": timezone.now(),
            "last_claims": claims,
        },
    )
    Client().force_login(user)


def test_a_member_signing_in_gets_member_access_with_their_tier_and_end_date() -> None:
    gold = make_tier("Gold")
    mc = make_micro_credential()
    members_only(mc, tier=gold)
    user = make_user()
    assert not decision_for(person=user, target=mc).allowed
    ends = (timezone.now() + timedelta(days=200)).date()

    signed_in_with(
        user,
        {
            "membership_status": "active",
            "membership_tier": "gold",
            "membership_expires": ends.isoformat(),
        },
    )

    membership = Membership.objects.get(person=user)
    assert membership.source == MembershipSource.SSO and membership.tier == gold
    assert membership.status == MembershipStatus.ACTIVE and membership.expires_on == ends
    assert decision_for(person=user, target=mc).allowed


def test_claims_that_stop_saying_member_end_a_membership_single_sign_on_gave() -> None:
    user = make_user()
    signed_in_with(user, {"membership_status": "active"})
    assert Membership.objects.get(person=user).status == MembershipStatus.ACTIVE
    signed_in_with(user, {"membership_status": "lapsed"})
    assert Membership.objects.get(person=user).status == MembershipStatus.CANCELLED


def test_claims_do_not_take_away_a_membership_from_the_roster() -> None:
    user = make_user()
    make_member(user)
    before = Membership.objects.get(person=user)
    signed_in_with(user, {"membership_status": "lapsed"})
    after = Membership.objects.get(person=user)
    assert (after.status, after.source) == (before.status, before.source)


def test_an_unknown_tier_still_gives_a_membership_without_a_tier(
    caplog: pytest.LogCaptureFixture,
) -> None:
    user = make_user()
    signed_in_with(user, {"membership_status": "active", "membership_tier": "Platinum"})
    assert Membership.objects.get(person=user).tier is None
    assert "unknown tier" in caplog.text


def test_a_provider_that_sends_no_membership_claims_changes_nothing() -> None:
    user = make_user()
    signed_in_with(user, {"email": user.email})
    assert not Membership.objects.filter(person=user).exists()


def test_a_password_log_in_without_single_sign_on_changes_nothing() -> None:
    user = make_user()
    Client().force_login(user)
    assert not Membership.objects.filter(person=user).exists()
