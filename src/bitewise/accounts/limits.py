"""Every throttle rule in one place (docs/security.md lists them). Read on each use, so the
settings in force are the ones that count."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from bitewise.accounts.throttle import Limit, Rule

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def _lockout() -> timedelta:
    return timedelta(minutes=settings.BITEWISE_LOCKOUT_MINUTES)


def login_rule() -> Rule:
    """Wrong passwords, on the log-in pages and when confirming a password."""
    lockout = _lockout()
    return Rule(
        name="login",
        what="failed log-ins",
        per_account=Limit(settings.BITEWISE_LOCKOUT_FAILURES, lockout, lockout),
        per_address=Limit(settings.BITEWISE_LOCKOUT_ADDRESS_FAILURES, lockout, lockout),
    )


def password_reset_rule() -> Rule:
    """Reset emails asked for: each one mails someone."""
    return Rule(
        name="password_reset",
        what="password reset requests",
        per_account=Limit(3, HOUR, HOUR),
        per_address=Limit(10, HOUR, HOUR),
    )


def signup_rule() -> Rule:
    """Sign-ups sent: each one mails the address given."""
    return Rule(
        name="signup",
        what="sign-ups",
        per_account=Limit(3, HOUR, HOUR),
        per_address=Limit(10, HOUR, HOUR),
    )


def api_token_rule() -> Rule:
    """Bearer tokens that match no usable token. A bad token names no account, so only
    the address is counted (a token holds 256 random bits: guessing one is hopeless, a
    flood of guesses is not)."""
    lockout = _lockout()
    return Rule(
        name="api_token",
        what="invalid API tokens",
        per_address=Limit(settings.BITEWISE_LOCKOUT_ADDRESS_FAILURES, lockout, lockout),
    )


def attendance_code_rule() -> Rule:
    """Attendance-check codes refused: codes are short, so guesses are limited."""
    lockout = _lockout()
    return Rule(
        name="attendance_code",
        what="refused attendance codes",
        per_account=Limit(10, lockout, lockout),
        per_address=Limit(30, lockout, lockout),
    )


def verify_rule() -> Rule:
    """Anonymous credential verification: each one checks signatures."""
    return Rule(
        name="verify",
        what="verification requests",
        per_address=Limit(settings.BITEWISE_VERIFY_PER_MINUTE, MINUTE, MINUTE),
    )


def all_rules() -> list[Rule]:
    return [
        login_rule(),
        password_reset_rule(),
        signup_rule(),
        api_token_rule(),
        attendance_code_rule(),
        verify_rule(),
    ]
