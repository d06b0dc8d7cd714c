"""Which account an LTI launch signs in: the platform's email claim is only its word, so it
makes or links an account only for a platform an admin trusts to assert verified emails.
(The whole launch, from a live platform, and a later single sign-on by the address's owner
are in tests/standards/test_lti_platform.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bitewise.accounts.models import Role, SignupRequest, User
from bitewise.accounts.services.signups import signup_request
from bitewise.integrations.models import LtiAccount, LtiPlatform
from bitewise.integrations.services.lti_launch import LtiRefused, lti_account_for
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

VICTIM = "ada@example.org"


def platform(**fields: Any) -> LtiPlatform:
    return LtiPlatform.objects.create(
        name="Any Moodle",
        issuer="https://moodle.example.net",
        client_id="c1",
        deployment_ids=["d1"],
        auth_login_url="https://moodle.example.net/auth",
        auth_token_url="https://moodle.example.net/token",
        keyset_url="https://moodle.example.net/jwks",
        **fields,
    )


def claims(sub: str = "moodle-7", email: str = VICTIM) -> dict[str, Any]:
    return {"sub": sub, "email": email, "name": "Whoever"}


def test_an_untrusted_platform_makes_an_account_with_a_placeholder_address() -> None:
    moodle = platform()

    user = lti_account_for(platform=moodle, claims=claims())

    assert user.email.startswith(f"lti-{moodle.pk}-") and user.email.endswith("@lti.invalid")
    assert not User.objects.filter(email__iexact=VICTIM).exists()
    assert lti_account_for(platform=moodle, claims=claims()) == user  # (platform, sub) finds it


def test_the_owner_of_a_claimed_address_can_still_sign_up_for_their_own_account() -> None:
    lti_user = lti_account_for(platform=platform(), claims=claims())

    signup_request(email=VICTIM, password=PASSWORD)

    # A new address to Bitewise: the owner gets a link that makes their own account (not
    # "someone tried to sign up", which would lead them into the LMS user's account).
    assert SignupRequest.objects.filter(email=VICTIM).exists()
    assert lti_user.email != VICTIM


def test_an_untrusted_platform_never_takes_over_an_existing_account() -> None:
    owner = make_user(email=VICTIM)
    moodle = platform()

    user = lti_account_for(platform=moodle, claims=claims(email=VICTIM.upper()))

    assert user != owner and user.email.endswith("@lti.invalid")
    assert not LtiAccount.objects.filter(user=owner).exists()


def test_a_platform_trusted_with_verified_emails_links_the_learner_with_that_address() -> None:
    owner = make_user(email=VICTIM)
    moodle = platform(asserts_verified_emails=True)

    assert lti_account_for(platform=moodle, claims=claims()) == owner
    made = lti_account_for(platform=moodle, claims=claims(sub="moodle-8", email="Bo@Example.org"))
    assert made.email == "bo@example.org"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.AUTHOR])
def test_even_a_trusted_platform_does_not_link_a_staff_account(role: str) -> None:
    make_user(email=VICTIM, role=role)

    with pytest.raises(LtiRefused, match="cannot be linked"):
        lti_account_for(platform=platform(asserts_verified_emails=True), claims=claims())
    assert not LtiAccount.objects.exists()


def test_admins_set_the_trust_where_they_register_the_platform(client: Client) -> None:
    admin = make_user(role=Role.ADMIN)
    moodle = platform()
    client.force_login(admin)
    url = f"/admin/integrations/ltiplatform/{moodle.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and "asserts_verified_emails" in page.content.decode()

    fields = {
        "name": moodle.name,
        "issuer": moodle.issuer,
        "client_id": moodle.client_id,
        "deployment_ids": "d1",
        "auth_login_url": moodle.auth_login_url,
        "auth_token_url": moodle.auth_token_url,
        "keyset_url": moodle.keyset_url,
        "asserts_verified_emails": "on",
        "is_active": "on",
    }
    assert client.post(url, fields).status_code == 302

    moodle.refresh_from_db()
    assert moodle.asserts_verified_emails
