"""Bitewise as a SAML service provider of the test IdP: the metadata exchange both ways."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.test import Client

from tests.sso.saml_idp import SamlIdp, SamlUser, running_idp

USERS = {
    "grace": SamlUser(
        password="grace-password",
        subject="member-7001",
        attributes={
            "mail": ["grace@example.org"],
            "emailVerified": ["true"],
            "displayName": ["Grace Hopper"],
            "memberStatus": ["current"],
            "memberTier": ["Silver"],
            "memberExpires": ["2031-06-30"],
        },
    ),
    "henry": SamlUser(
        password="henry-password",
        subject="member-7002",
        attributes={"mail": ["henry@example.org"], "emailVerified": ["false"]},
    ),
}


def saml_table(slug: str, metadata_url: str) -> dict[str, Any]:
    return {
        "slug": slug,
        "label": "Sign in with the Association (SAML)",
        "protocol": "saml",
        "idp_metadata_url": metadata_url,
        "claims": {
            "email": "mail",
            "email_verified": "emailVerified",
            "name": "displayName",
            "status": "memberStatus",
            "tier": "memberTier",
            "expires": "memberExpires",
            "active_values": ["current"],
        },
    }


@contextmanager
def saml_provider(
    settings: Any, folder: Path, *, slug: str = "association-saml", signing: str = "assertion"
) -> Iterator[SamlIdp]:
    """An IdP that knows Bitewise from Bitewise's metadata; Bitewise configured with the
    IdP's metadata URL."""
    settings.BITEWISE_SSO_PROVIDERS = [saml_table(slug, "http://127.0.0.1:9/unused")]
    metadata = Client().get(f"/sso/saml/{slug}/metadata/")
    assert metadata.status_code == 200
    sp_metadata = folder / f"sp-{slug}.xml"
    sp_metadata.write_bytes(metadata.content)
    with running_idp(sp_metadata=sp_metadata, folder=folder, users=USERS, signing=signing) as idp:
        settings.BITEWISE_SSO_PROVIDERS = [saml_table(slug, f"{idp.base_url}/metadata")]
        yield idp
