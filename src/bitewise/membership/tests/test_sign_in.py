"""Single sign-on sets the membership: the claims a sign-in brings, mapped by the provider's
configuration, become the person's membership at that sign-in, and at no later log-in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import Membership, MembershipSource, MembershipStatus
from bitewise.membership.services.members import membership_end, membership_set
from bitewise.membership.tests.factories import make_member, make_tier, members_only
from bitewise.sso.config import provider_from_table
from bitewise.sso.models import SsoLink
from bitewise.sso.services import Identity, sso_sign_in
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
    """A sign-in through the provider (after the protocol's checks) with these claims, then
    the log-in itself, as the sign-in views do."""
    sso_sign_in(
        identity=Identity(
            provider=provider_from_table(PROVIDER),
            subject=f"sub-{user.pk}",
            claims={"email": user.email, "email_verified": True, **claims},
        )
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


def test_stale_claims_do_not_bring_back_an_ended_membership_at_a_password_log_in() -> None:
    mc = make_micro_credential()
    members_only(mc)
    user = make_user()
    membership_set(person=user, tier=None, expires_on=None, source="sso", by=None)
    SsoLink.objects.create(  # what a sign-in 300 days ago left behind
        user=user,
        provider="association",
        subject="sub-1",
        email=user.email,
        last_sign_in_at=timezone.now() - timedelta(days=300),
        last_claims={"membership_status": "active"},
    )
    membership_end(membership=Membership.objects.get(person=user), by=None)

    Client().force_login(user)  # a password log-in, an LTI launch: no provider involved

    ended = Membership.objects.get(person=user)
    assert (ended.status, ended.source) == (MembershipStatus.CANCELLED, MembershipSource.SSO)
    assert not decision_for(person=user, target=mc).allowed


def test_a_fresh_sign_in_whose_claims_say_member_sets_it_again() -> None:
    mc = make_micro_credential()
    members_only(mc)
    user = make_user()
    signed_in_with(user, {"membership_status": "active"})
    membership_end(membership=Membership.objects.get(person=user), by=None)

    signed_in_with(user, {"membership_status": "active"})

    assert Membership.objects.get(person=user).status == MembershipStatus.ACTIVE
    assert decision_for(person=user, target=mc).allowed


@pytest.mark.parametrize("source", ["roster", "api", "staff"])
def test_claims_never_overwrite_a_membership_another_source_set(source: str) -> None:
    make_tier("Gold")
    silver = make_tier("Silver", rank=10)
    user = make_user()
    membership_set(person=user, tier=silver, expires_on=None, source=source, by=None)
    membership_end(membership=Membership.objects.get(person=user), by=None)

    signed_in_with(user, {"membership_status": "active", "membership_tier": "gold"})

    kept = Membership.objects.get(person=user)
    assert (kept.source, kept.status, kept.tier) == (source, MembershipStatus.CANCELLED, silver)


@pytest.mark.parametrize("source", ["roster", "api", "staff"])
def test_claims_never_end_a_membership_another_source_set(source: str) -> None:
    user = make_user()
    membership_set(person=user, tier=None, expires_on=None, source=source, by=None)

    signed_in_with(user, {"membership_status": "lapsed"})

    kept = Membership.objects.get(person=user)
    assert (kept.source, kept.status) == (source, MembershipStatus.ACTIVE)
