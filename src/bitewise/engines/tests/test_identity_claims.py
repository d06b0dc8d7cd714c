"""Membership from claims (OpenID Connect) and attributes (SAML), by a configured mapping."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bitewise.engines.identity.claims import (
    ClaimMapping,
    claim_true,
    membership_from_values,
    parse_expiry,
)

MAPPING = ClaimMapping(
    status="membership_status",
    tier="membership_tier",
    expires="membership_expires",
    active_values=("active", "current"),
)
NOW = datetime(2027, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("claims", "member", "tier"),
    [
        ({"membership_status": "Active", "membership_tier": "Gold"}, True, "Gold"),
        ({"membership_status": ["current"], "membership_tier": ["Silver"]}, True, "Silver"),
        ({"membership_status": "lapsed", "membership_tier": "Gold"}, False, "Gold"),
        ({"membership_tier": "Gold"}, False, "Gold"),
        ({"membership_status": "active", "membership_expires": "2027-02-28"}, False, ""),
        ({"membership_status": "active", "membership_expires": "2027-03-01"}, True, ""),
        ({"membership_status": "active", "membership_expires": 1900000000}, True, ""),
        ({"membership_status": "active", "membership_expires": "next year"}, False, ""),
        ({"membership_status": "active", "membership_expires": True}, False, ""),
        ({"membership_status": {"nested": "active"}}, False, ""),
    ],
    ids=[
        "oidc-active",
        "saml-lists",
        "lapsed-status",
        "no-status",
        "expired-yesterday",
        "expires-end-of-today",
        "epoch-expiry",
        "unreadable-expiry",
        "boolean-expiry",
        "object-status",
    ],
)
def test_membership_is_read_by_the_mapping(claims: dict[str, Any], member: bool, tier: str) -> None:
    membership = membership_from_values(claims, MAPPING)

    assert membership.is_member_at(NOW) is member
    assert membership.tier == tier


def test_an_unreadable_expiry_is_reported() -> None:
    membership = membership_from_values(
        {"membership_status": "active", "membership_expires": "soon"}, MAPPING
    )

    assert membership.unreadable == ("membership_expires",)


def test_an_unmapped_provider_states_no_membership() -> None:
    membership = membership_from_values({"membership_status": "active"}, ClaimMapping())

    assert membership.status == "" and not membership.is_member_at(NOW)


@pytest.mark.parametrize(
    ("value", "verified"),
    [(True, True), ("true", True), (["true"], True), (False, False), ("yes", False), (1, False)],
)
def test_only_true_means_verified(value: Any, verified: bool) -> None:
    assert claim_true({"email_verified": value}, "email_verified") is verified


def test_an_expiry_without_an_offset_is_utc() -> None:
    assert parse_expiry("2027-05-01T12:00:00") == datetime(2027, 5, 1, 12, tzinfo=UTC)
