"""Signing in from what a provider vouched for, after the protocol's own checks."""

from __future__ import annotations

from typing import Any

import pytest

from bitewise.accounts.models import User
from bitewise.engines.identity.claims import ClaimMapping
from bitewise.sso.config import Provider
from bitewise.sso.models import SsoLink
from bitewise.sso.services import Identity, SsoRefused, sso_sign_in
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

PROVIDER = Provider(
    slug="association", label="Association", protocol="oidc", mapping=ClaimMapping()
)


def identity(subject: str, **claims: Any) -> Identity:
    return Identity(provider=PROVIDER, subject=subject, claims={"email_verified": True, **claims})


def test_a_second_sign_in_finds_the_link_and_keeps_the_latest_claims() -> None:
    first = sso_sign_in(identity=identity("sub-1", email="Ada@Example.org", tier="Gold"))

    again = sso_sign_in(identity=identity("sub-1", email="ada@example.org", tier="Silver"))

    assert again == first and first.email == "ada@example.org"
    assert SsoLink.objects.get().last_claims["tier"] == "Silver"


def test_an_account_linked_to_another_identity_is_not_linked_again() -> None:
    user = make_user(email="ada@example.org")
    sso_sign_in(identity=identity("sub-1", email="ada@example.org"))

    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(identity=identity("sub-2", email="ada@example.org"))

    assert refused.value.reason == "linked_elsewhere"
    assert list(SsoLink.objects.values_list("user", "subject")) == [(user.pk, "sub-1")]


def test_a_switched_off_account_is_not_signed_in_and_not_linked() -> None:
    user = make_user(email="ada@example.org")
    User.objects.filter(pk=user.pk).update(is_active=False)

    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(identity=identity("sub-1", email="ada@example.org"))

    assert refused.value.reason == "inactive"
    assert not SsoLink.objects.exists()


@pytest.mark.parametrize(
    ("subject", "claims", "reason"),
    [
        ("sub-1", {}, "no_email"),
        ("", {"email": "ada@example.org"}, "no_subject"),
        ("sub-1", {"email": "ada@example.org", "email_verified": "false"}, "unverified_email"),
    ],
    ids=["no-email", "no-subject", "unverified"],
)
def test_an_identity_without_a_verified_email_creates_nothing(
    subject: str, claims: dict[str, Any], reason: str
) -> None:
    with pytest.raises(SsoRefused) as refused:
        sso_sign_in(identity=identity(subject, **claims))

    assert refused.value.reason == reason
    assert not User.objects.exists()
