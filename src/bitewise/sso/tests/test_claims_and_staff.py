"""The membership app's hook (``membership_from_claims``), the provider configuration and
the staff page that shows each mapping and a person's last claims."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import AuditEntry, Role
from bitewise.sso.claims import membership_from_claims
from bitewise.sso.config import provider_from_table
from bitewise.sso.models import SsoLink
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

OIDC = {
    "slug": "association",
    "label": "Sign in with the Association",
    "protocol": "oidc",
    "discovery_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    "client_id": "bitewise",
    "claims": {
        "status": "membership_status",
        "tier": "membership_tier",
        "active_values": ["active"],
    },
}


@pytest.fixture
def configured(settings: Any) -> None:
    settings.BITEWISE_SSO_PROVIDERS = [OIDC]


def _link(
    user: Any, claims: dict[str, Any], *, provider: str = "association", ago: int = 0
) -> SsoLink:
    return SsoLink.objects.create(
        user=user,
        provider=provider,
        subject=f"{provider}-{user.pk}",
        email=user.email,
        last_sign_in_at=timezone.now() - timedelta(days=ago),
        last_claims=claims,
    )


def test_membership_comes_from_the_latest_sign_in_through_a_configured_provider(
    configured: None,
) -> None:
    user = make_user()
    _link(user, {"membership_status": "active", "membership_tier": "Gold"}, ago=1)
    _link(user, {"membership_status": "active"}, provider="removed-provider")

    found = membership_from_claims(user_id=user.pk)

    assert found is not None and found.provider == "association"
    assert found.membership.is_member_at(timezone.now()) and found.membership.tier == "Gold"


def test_someone_who_never_signed_in_through_a_provider_has_no_claims(configured: None) -> None:
    assert membership_from_claims(user_id=make_user().pk) is None


@pytest.mark.parametrize(
    "change",
    [{"protocol": "cas"}, {"slug": "Bad Slug"}, {"discovery_url": ""}, {"claims": {"colour": "x"}}],
    ids=["protocol", "slug", "no-discovery", "unknown-claim"],
)
def test_a_wrong_provider_table_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ImproperlyConfigured):
        provider_from_table({**OIDC, **change})


def test_an_admin_sees_the_mapping_and_a_persons_last_claims(configured: None) -> None:
    member = make_user(email="member@example.org")
    _link(member, {"membership_status": "active", "membership_tier": "Gold", "email": member.email})
    client = Client()
    client.force_login(make_user(role=Role.ADMIN))

    response = client.get("/staff/sso/", {"email": "member@example.org"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<code>membership_status</code>" in page and "<code>membership_tier</code>" in page
    assert "<strong>member</strong>" in page and "Gold" in page
    assert AuditEntry.objects.filter(target="sso last claims").count() == 1


def test_an_author_cannot_see_last_claims(configured: None) -> None:
    client = Client()
    client.force_login(make_user(role=Role.AUTHOR))

    assert client.get("/staff/sso/", {"email": "member@example.org"}).status_code == 403
    assert not AuditEntry.objects.exists()


def test_the_login_page_offers_each_provider(configured: None) -> None:
    response = Client().get("/accounts/login/", {"next": "/today/"})

    assert b'href="/sso/oidc/association/login/?next=%2Ftoday%2F"' in response.content
    assert b"Sign in with the Association" in response.content


def test_the_config_file_is_read_and_a_broken_one_refused(tmp_path: Any) -> None:
    from bitewise.settings.env import ConfigError, toml_tables

    good = tmp_path / "sso.toml"
    good.write_text('[[provider]]\nslug = "association"\nprotocol = "oidc"\n')
    broken = tmp_path / "broken.toml"
    broken.write_text("[[provider]\n")

    assert toml_tables(str(good), "provider") == [{"slug": "association", "protocol": "oidc"}]
    assert toml_tables("", "provider") == []
    with pytest.raises(ConfigError):
        toml_tables(str(broken), "provider")
