"""Membership status, tier and expiry from an identity provider's claims (OpenID Connect)
or attributes (SAML), by a mapping the association configures.

OpenID Connect claims are JSON values; SAML attributes arrive as lists of strings
(SAML 2.0 Core section 2.7.3.1: an ``<Attribute>`` holds any number of values), so a
mapped name takes the first value of a list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any


@dataclass(frozen=True)
class ClaimMapping:
    """Which claim holds what. An empty name means the provider does not send it."""

    email: str = "email"
    email_verified: str = "email_verified"
    name: str = "name"
    status: str = ""
    tier: str = ""
    expires: str = ""
    # Status values that mean "a member in good standing" (compared case-insensitively).
    active_values: tuple[str, ...] = ("active", "current", "member")

    def as_rows(self) -> list[tuple[str, str]]:
        """What staff see: each field and the claim it comes from."""
        return [
            ("Email", self.email),
            ("Email verified", self.email_verified or "(trusted from this provider)"),
            ("Name", self.name or "(not mapped)"),
            ("Membership status", self.status or "(not mapped)"),
            ("Membership tier", self.tier or "(not mapped)"),
            ("Membership expiry", self.expires or "(not mapped)"),
            ("Status values that count as a member", ", ".join(self.active_values)),
        ]


@dataclass(frozen=True)
class MembershipClaims:
    """What the identity provider said about a person's membership, as plain values."""

    status: str = ""  # as sent
    is_active_status: bool = False  # the status is one of the mapping's active values
    tier: str = ""
    expires_at: datetime | None = None
    unreadable: tuple[str, ...] = ()  # mapped claims whose value made no sense

    def is_member_at(self, moment: datetime) -> bool:
        """A member in good standing at ``moment``: an active status, not yet expired."""
        return self.is_active_status and (self.expires_at is None or moment < self.expires_at)


def claim_value(claims: Mapping[str, Any], name: str) -> Any:
    """The claim ``name``, or the first value of a SAML attribute list; None if absent."""
    if not name:
        return None
    value = claims.get(name)
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return value[0] if value else None
    return value


def claim_text(claims: Mapping[str, Any], name: str) -> str:
    value = claim_value(claims, name)
    if value is None or isinstance(value, Mapping):
        return ""
    return str(value).strip()


def claim_true(claims: Mapping[str, Any], name: str) -> bool:
    """True only for JSON ``true`` or the string "true" (a SAML attribute is text)."""
    value = claim_value(claims, name)
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def parse_expiry(value: Any) -> datetime | None:
    """An expiry as an aware datetime: epoch seconds, an ISO 8601 date (the end of that day
    in UTC, so a membership "expiring 2027-01-31" covers the 31st) or datetime (UTC if it
    names no offset). Raises ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not a date")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    text = str(value).strip()
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time.max, tzinfo=UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def membership_from_values(claims: Mapping[str, Any], mapping: ClaimMapping) -> MembershipClaims:
    """Membership as the claims state it. A status outside ``active_values`` is not an
    active membership, and neither is one whose expiry cannot be read as a date."""
    unreadable: list[str] = []
    status = claim_text(claims, mapping.status)
    active = {value.lower() for value in mapping.active_values}
    is_active_status = bool(status) and status.lower() in active
    expires_at = None
    raw_expiry = claim_value(claims, mapping.expires)
    if raw_expiry not in (None, ""):
        try:
            expires_at = parse_expiry(raw_expiry)
        except (TypeError, ValueError, OverflowError, OSError):
            unreadable.append(mapping.expires)
            is_active_status = False
    return MembershipClaims(
        status=status,
        is_active_status=is_active_status,
        tier=claim_text(claims, mapping.tier),
        expires_at=expires_at,
        unreadable=tuple(unreadable),
    )
