"""The membership follows the claims of a real sign-in (node-oidc-provider, pysaml2's IdP),
at that sign-in only: a later log-in without the provider brings back nothing, and a
membership from the roster, the API or staff is never taken over."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from bitewise.accounts.models import User
from bitewise.membership.models import Membership, MembershipSource, MembershipStatus
from bitewise.membership.services.members import membership_end, membership_set
from bitewise.membership.tests.factories import make_tier
from tests.sso.conftest import SITE_URL
from tests.sso.openid_provider import OpenIdProvider, sign_in_at
from tests.sso.saml_idp import SamlIdp
from tests.sso.saml_setup import saml_provider
from tests.sso.test_oidc import back_at_bitewise, start
from tests.sso.test_saml import post_back, saml_answer

pytestmark = pytest.mark.django_db(transaction=True)


def oidc_sign_in(op: OpenIdProvider, login: str) -> Any:
    client = Client()
    response = back_at_bitewise(client, sign_in_at(op, start(client), login))
    assert response.status_code == 302 and response["Location"] == "/today/"
    return response


def test_an_oidc_sign_in_sets_it_and_a_later_password_log_in_does_not(
    oidc_configured: OpenIdProvider,
) -> None:
    gold = make_tier("Gold")
    oidc_sign_in(oidc_configured, "ada")
    ada = User.objects.get(email="ada@example.org")
    membership = Membership.objects.get(person=ada)
    assert (membership.source, membership.tier) == (MembershipSource.SSO, gold)
    membership_end(membership=membership, by=None)  # the association ends it here

    Client().force_login(ada)  # a password log-in, no provider involved

    assert Membership.objects.get(person=ada).status == MembershipStatus.CANCELLED
    oidc_sign_in(oidc_configured, "ada")  # the provider says "member" again, now
    assert Membership.objects.get(person=ada).status == MembershipStatus.ACTIVE


def test_an_oidc_sign_in_leaves_a_roster_membership_as_it_is(
    oidc_configured: OpenIdProvider,
) -> None:
    make_tier("Gold")
    silver = make_tier("Silver", rank=10)
    ada = User.objects.create_user(email="ada@example.org", password=None)
    membership_set(person=ada, tier=silver, expires_on=None, source="roster", by=None)

    oidc_sign_in(oidc_configured, "ada")

    kept = Membership.objects.get(person=ada)
    assert (kept.source, kept.tier, kept.status) == ("roster", silver, MembershipStatus.ACTIVE)


@pytest.fixture
def idp(settings: Any, tmp_path: Path) -> Iterator[SamlIdp]:
    settings.SITE_URL = SITE_URL
    with saml_provider(settings, tmp_path) as running:
        yield running


def test_a_saml_sign_in_sets_the_membership_from_its_attributes(idp: SamlIdp) -> None:
    silver = make_tier("Silver", rank=10)
    client = Client()

    response = post_back(
        client,
        "association-saml",
        saml_answer(client, idp, "grace", "grace-password", "association-saml"),
    )

    assert response.status_code == 302
    membership = Membership.objects.get(person__email="grace@example.org")
    assert (membership.source, membership.tier) == (MembershipSource.SSO, silver)
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.expires_on is not None and membership.expires_on.year == 2031
