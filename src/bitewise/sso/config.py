"""The identity providers configured in ``settings.BITEWISE_SSO_PROVIDERS`` (the
``[[provider]]`` tables of the file named by ``BITEWISE_SSO_CONFIG``; docs/sso.md)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from bitewise.engines.identity.claims import ClaimMapping

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
PROTOCOLS = ("oidc", "saml")
MAPPING_KEYS = ("email", "email_verified", "name", "status", "tier", "expires")


@dataclass(frozen=True)
class Provider:
    slug: str
    label: str
    protocol: str  # "oidc" or "saml"
    mapping: ClaimMapping
    # OpenID Connect
    discovery_url: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    scopes: str = "openid email profile"
    # SAML 2.0: the IdP's metadata (a URL or a file) and, optionally, the SP's own key pair
    # (to sign authentication requests and receive encrypted assertions).
    idp_metadata_url: str = ""
    idp_metadata_file: str = ""
    sp_key_file: str = ""
    sp_cert_file: str = ""


def _text(table: dict[str, Any], key: str, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ImproperlyConfigured(f"SSO provider setting {key!r} must be text")
    return value


def _mapping(table: dict[str, Any]) -> ClaimMapping:
    claims = table.get("claims", {})
    if not isinstance(claims, dict):
        raise ImproperlyConfigured("an SSO provider's claims must be a table")
    unknown = set(claims) - {*MAPPING_KEYS, "active_values"}
    if unknown:
        raise ImproperlyConfigured(f"unknown SSO claim mapping keys: {sorted(unknown)}")
    values: dict[str, Any] = {key: _text(claims, key) for key in MAPPING_KEYS if key in claims}
    if "active_values" in claims:
        active = claims["active_values"]
        if not isinstance(active, list) or not all(isinstance(v, str) for v in active):
            raise ImproperlyConfigured("active_values must be a list of text")
        values["active_values"] = tuple(active)
    return ClaimMapping(**values)


def provider_from_table(table: dict[str, Any]) -> Provider:
    slug, protocol = _text(table, "slug"), _text(table, "protocol")
    if not SLUG.match(slug):
        raise ImproperlyConfigured(f"SSO provider slug {slug!r}: lowercase letters, digits, -")
    if protocol not in PROTOCOLS:
        raise ImproperlyConfigured(f"SSO provider {slug}: protocol must be oidc or saml")
    secret_env = _text(table, "client_secret_env")
    provider = Provider(
        slug=slug,
        label=_text(table, "label", f"Sign in with {slug}"),
        protocol=protocol,
        mapping=_mapping(table),
        discovery_url=_text(table, "discovery_url"),
        client_id=_text(table, "client_id"),
        client_secret=os.environ.get(secret_env, "") if secret_env else "",
        scopes=_text(table, "scopes", "openid email profile"),
        idp_metadata_url=_text(table, "idp_metadata_url"),
        idp_metadata_file=_text(table, "idp_metadata_file"),
        sp_key_file=_text(table, "sp_key_file"),
        sp_cert_file=_text(table, "sp_cert_file"),
    )
    if protocol == "oidc" and not (provider.discovery_url and provider.client_id):
        raise ImproperlyConfigured(f"SSO provider {slug}: discovery_url and client_id needed")
    if protocol == "saml" and not (provider.idp_metadata_url or provider.idp_metadata_file):
        raise ImproperlyConfigured(f"SSO provider {slug}: idp_metadata_url or _file needed")
    return provider


def providers() -> list[Provider]:
    """Every configured provider, in the configured order."""
    return [provider_from_table(dict(table)) for table in settings.BITEWISE_SSO_PROVIDERS]


def provider_for(slug: str, *, protocol: str) -> Provider:
    for provider in providers():
        if provider.slug == slug and provider.protocol == protocol:
            return provider
    raise Http404("No such sign-in provider")
