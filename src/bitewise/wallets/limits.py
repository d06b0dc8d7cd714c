"""Throttle rules of the wallet and backpack endpoints (see accounts/throttle.py)."""

from __future__ import annotations

from datetime import timedelta

from bitewise.accounts.throttle import Limit, Rule

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


def exchange_rule() -> Rule:
    """Wallet requests to exchanges: each presentation is a signature check."""
    return Rule(
        name="wallet_exchange", what="wallet requests", per_address=Limit(30, MINUTE, MINUTE)
    )


def oauth_token_rule() -> Rule:
    """Token and revocation requests: each checks a client secret and a code or token."""
    return Rule(name="oauth_token", what="token requests", per_address=Limit(30, MINUTE, MINUTE))


def client_registration_rule() -> Rule:
    """Dynamic client registrations: each one makes a client."""
    return Rule(
        name="oauth_register", what="client registrations", per_address=Limit(10, HOUR, HOUR)
    )
