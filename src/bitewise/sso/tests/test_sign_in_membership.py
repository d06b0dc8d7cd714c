"""The sign-in itself (OpenID Connect or SAML, after the protocol's checks) sets the
membership from the claims it brings; nothing else replays them."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.engines.identity.claims import ClaimMapping
from bitewise.membership.models import Membership, MembershipSource, MembershipStatus
from bitewise.membership.services.members import membership_end
from bitewise.sso.config import Provider
from bitewise.sso.services import Identity, sso_sign_in

pytestmark = pytest.mark.django_db

MAPPING = ClaimMapping(status="membership_status", active_values=("active",))


@pytest.mark.parametrize("protocol", ["oidc", "saml"])
def test_the_sign_in_sets_the_membership_from_its_own_claims(protocol: str) -> None:
    provider = Provider(slug="association", label="A", protocol=protocol, mapping=MAPPING)
    claims = {"email": "ada@example.org", "email_verified": True, "membership_status": "active"}

    user = sso_sign_in(identity=Identity(provider=provider, subject="sub-1", claims=claims))

    membership = Membership.objects.get(person=user)
    assert (membership.status, membership.source) == (
        MembershipStatus.ACTIVE,
        MembershipSource.SSO,
    )


def test_no_log_in_signal_replays_the_claims() -> None:
    provider = Provider(slug="association", label="A", protocol="oidc", mapping=MAPPING)
    claims = {"email": "ada@example.org", "email_verified": True, "membership_status": "active"}
    user = sso_sign_in(identity=Identity(provider=provider, subject="sub-1", claims=claims))
    membership_end(membership=Membership.objects.get(person=user), by=None)

    Client().force_login(user)  # any later log-in: password, LTI, a session restored

    assert Membership.objects.get(person=user).status == MembershipStatus.CANCELLED
