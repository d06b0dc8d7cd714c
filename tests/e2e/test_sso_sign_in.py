"""A member signs in on a phone with the association's account: through a real OpenID
Provider (node-oidc-provider) and a real SAML IdP (pysaml2), in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role, User
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import Membership, MembershipSource
from bitewise.membership.tests.factories import make_tier, members_only
from bitewise.sso.claims import membership_from_claims
from bitewise.sso.models import SsoLink
from bitewise.testing import PASSWORD, make_micro_credential, make_user
from tests.e2e.conftest import (
    assert_accessible,
    assert_fits_phone,
    expect_signed_in,
    open_menu,
    screenshot,
)
from tests.sso.openid_provider import CLIENT_SECRET, OpenIdProvider, running_provider, signing_key
from tests.sso.saml_setup import saml_provider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def op(
    live_server: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[OpenIdProvider]:
    monkeypatch.setenv("BITEWISE_TEST_OIDC_SECRET", CLIENT_SECRET)
    settings.SITE_URL = live_server.url
    with running_provider(live_server.url, tmp_path, [signing_key("key-1")]) as provider:
        settings.BITEWISE_SSO_PROVIDERS = [provider.provider_table()]
        yield provider


def sign_in_at_the_provider(page: Page, login: str) -> None:
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()


def test_a_new_member_signs_in_through_the_openid_provider(
    op: OpenIdProvider, phone_page: Page, live_server: Any
) -> None:
    gold_only = make_micro_credential()
    members_only(gold_only, tier=make_tier("Gold"))
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page, "login with single sign-on")
    assert_fits_phone(page, "login with single sign-on")
    screenshot(page, "sso-login")

    page.get_by_role("link", name="Sign in with the Association").tap()
    page.wait_for_url(f"{op.issuer}/**")
    sign_in_at_the_provider(page, "ada")

    page.wait_for_url(f"{live_server.url}/**")
    expect_signed_in(page)
    user = User.objects.get(email="ada@example.org")
    found = membership_from_claims(user_id=user.pk)
    assert found is not None and found.membership.is_member_at(timezone.now())
    assert found.membership.tier == "Gold"
    # ... and the sign-in made them a Gold member: the Gold members' micro-credential opens.
    membership = Membership.objects.get(person=user)
    assert membership.source == MembershipSource.SSO and membership.tier is not None
    assert membership.tier.slug == "gold"
    assert decision_for(person=user, target=gold_only).allowed

    open_menu(page)
    page.get_by_role("button", name="Log out").tap()
    page.wait_for_url(f"{op.issuer}/**")  # the provider asks whether to sign out there too
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/**")
    expect(page.get_by_role("link", name="Log in", include_hidden=True)).to_be_attached()


def test_an_unverified_email_is_refused_with_a_clear_page(
    op: OpenIdProvider, phone_page: Page, live_server: Any
) -> None:
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with the Association").tap()
    sign_in_at_the_provider(page, "bob")

    page.wait_for_url(f"{live_server.url}/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in refused")
    expect(page.get_by_role("alert")).to_contain_text("has not verified your email address")
    assert_accessible(page, "sign-in refused")
    assert_fits_phone(page, "sign-in refused")
    screenshot(page, "sso-refused")
    assert not User.objects.exists()


def test_a_member_signs_in_and_out_through_the_saml_idp(
    live_server: Any, settings: Any, tmp_path: Path, phone_page: Page
) -> None:
    settings.SITE_URL = live_server.url
    page = phone_page
    with saml_provider(settings, tmp_path) as idp:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_role("link", name="Sign in with the Association (SAML)").tap()
        page.wait_for_url(f"{idp.base_url}/**")
        page.locator("input[name=username]").fill("grace")
        page.locator("input[name=password]").fill("grace-password")
        page.locator("button[type=submit]").click()
        # The IdP's page posts the answer to Bitewise from another site; Bitewise posts it
        # on from its own, where the browser sends the session cookie.
        expect_signed_in(page)
        # Single Logout: logging out here goes on to the IdP, which logs out there and
        # sends the browser back with its signed answer.
        open_menu(page)
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_text("logged out here and at the identity provider")).to_be_visible()
        assert idp.logged_out == ["member-7001"]
        expect(page.get_by_role("button", name="Log out", include_hidden=True)).to_have_count(0)

    link = SsoLink.objects.get(provider="association-saml")
    assert link.user.email == "grace@example.org" and link.subject == "member-7001"


STATIC_OIDC = {
    "slug": "association",
    "label": "Sign in with the Association",
    "protocol": "oidc",
    "discovery_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    "client_id": "bitewise",
    "claims": {"status": "membership_status", "tier": "membership_tier"},
}


def test_an_admin_reads_the_mapping_and_a_members_last_claims(
    live_server: Any, settings: Any, phone_page: Page
) -> None:
    settings.BITEWISE_SSO_PROVIDERS = [STATIC_OIDC]
    make_user(role=Role.ADMIN, email="admin@example.org")
    member = make_user(email="member@example.org")
    SsoLink.objects.create(
        user=member,
        provider="association",
        subject="member-1",
        email=member.email,
        last_claims={
            "email": member.email,
            "membership_status": "active",
            "membership_tier": "Gold",
        },
    )
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/?next=/staff/")
    page.get_by_label("Email").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    page.get_by_role("link", name="Single sign-on: claim mappings and last claims").tap()
    page.get_by_label("Email address").fill("member@example.org")
    page.get_by_role("button", name="Show").tap()

    expect(page.get_by_text("Membership by these claims: member")).to_be_visible()
    assert_accessible(page, "sso staff page")
    assert_fits_phone(page, "sso staff page")
    screenshot(page, "sso-staff")


def test_with_password_login_off_the_login_page_offers_the_provider_only(
    live_server: Any, settings: Any, phone_page: Page
) -> None:
    settings.BITEWISE_SSO_PROVIDERS = [STATIC_OIDC]
    settings.BITEWISE_PASSWORD_LOGIN = False
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.get_by_role("link", name="Sign in with the Association")).to_be_visible()
    expect(page.get_by_label("Password")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign up", include_hidden=True)).to_have_count(0)
    assert_accessible(page, "login without passwords")
    screenshot(page, "sso-login-password-off")
