"""Throttling and lockouts: attempts counted per account and per client address.

Counters are rows in the database, bumped by conditional UPDATEs inside a transaction, so
they count exactly under any number of web processes, on SQLite and on PostgreSQL (decision
record 0005). A rule's limit is reached → that account or that address is locked until a
time, and every attempt (the right password included) is refused until then.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from bitewise.accounts.models import Throttle, ThrottleKind


@dataclass(frozen=True)
class Limit:
    attempts: int  # counted attempts allowed within ``window``
    window: timedelta
    lockout: timedelta  # how long the subject is refused once it reaches ``attempts``


@dataclass(frozen=True)
class Rule:
    name: str  # "login"; stored with each counter
    what: str  # "failed log-ins", for the message people read
    per_address: Limit
    per_account: Limit | None = None


class Throttled(Exception):
    """Refused: too many attempts. The message says when to try again."""

    def __init__(self, rule: Rule, kind: str, until: datetime) -> None:
        self.rule, self.kind, self.until = rule, kind, until
        # Whole seconds until the lock ends, for the Retry-After header.
        self.retry_after = max(1, math.ceil((until - timezone.now()).total_seconds()))
        whose = "for this account" if kind == ThrottleKind.ACCOUNT else "from your network"
        minutes = math.ceil(self.retry_after / 60)
        super().__init__(
            f"Too many {rule.what} {whose}. Try again in {minutes} minute"
            f"{'s' if minutes != 1 else ''} (after {until:%H:%M} UTC)."
        )


def _subjects(rule: Rule, address: str, account: str) -> list[tuple[str, str, Limit]]:
    subjects = [(ThrottleKind.ADDRESS.value, address, rule.per_address)]
    if account and rule.per_account is not None:
        subjects.append((ThrottleKind.ACCOUNT.value, account[:300], rule.per_account))
    return subjects


def throttle_check(rule: Rule, *, address: str, account: str = "") -> None:
    """Raise Throttled when the address or the account is locked for ``rule``."""
    now = timezone.now()
    match = Q()
    for kind, subject, _ in _subjects(rule, address, account):
        match |= Q(kind=kind, subject=subject)
    locked = (
        Throttle.objects.filter(match, rule=rule.name, locked_until__gt=now)
        .order_by("-locked_until")
        .values_list("kind", "locked_until")
        .first()
    )
    if locked is not None:
        kind, until = locked
        assert until is not None
        raise Throttled(rule, kind, until)


def throttle_count(rule: Rule, *, address: str, account: str = "") -> list[Throttle]:
    """Count one attempt against the address and the account; return the counters this
    attempt locked (empty when none reached its limit now)."""
    now = timezone.now()
    return [
        locked
        for kind, subject, limit in _subjects(rule, address, account)
        if (locked := _bump(rule.name, kind, subject, limit, now)) is not None
    ]


def throttle_hit(rule: Rule, *, address: str, account: str = "") -> None:
    """A rate limit: refuse when locked, otherwise count this attempt. The attempt that
    reaches the limit still goes through; the next one is refused."""
    throttle_check(rule, address=address, account=account)
    throttle_count(rule, address=address, account=account)


def throttle_clear(rule: Rule, *, address: str = "", account: str = "") -> int:
    """Forget the counters (and locks) of the given address and/or account."""
    match = Q(pk__in=[])
    if address:
        match |= Q(kind=ThrottleKind.ADDRESS, subject=address)
    if account:
        match |= Q(kind=ThrottleKind.ACCOUNT, subject=account[:300])
    deleted, _ = Throttle.objects.filter(match, rule=rule.name).delete()
    return deleted


@contextmanager
def throttle_attempt(
    rule: Rule, *, address: str, account: str = "", failing: type[Exception]
) -> Iterator[None]:
    """Refuse when locked; count the attempt when the block raises ``failing``."""
    throttle_check(rule, address=address, account=account)
    try:
        yield
    except failing:
        throttle_count(rule, address=address, account=account)
        raise


def _bump(rule: str, kind: str, subject: str, limit: Limit, now: datetime) -> Throttle | None:
    """Add one to the counter in its live window (or start a window), and lock it when it
    reaches the limit. Returns the counter if this call locked it."""
    rows = Throttle.objects.filter(rule=rule, kind=kind, subject=subject)
    with transaction.atomic():
        # Each statement below is a conditional UPDATE: the row lock it takes (PostgreSQL)
        # or the database write lock (SQLite) makes concurrent attempts queue, not overwrite.
        for _ in range(3):
            if rows.filter(window_ends_at__gt=now).update(count=F("count") + 1):
                break
            if rows.filter(window_ends_at__lte=now).update(
                count=1, window_ends_at=now + limit.window, unlock_hash=""
            ):
                break
            try:
                with transaction.atomic():
                    Throttle.objects.create(
                        rule=rule,
                        kind=kind,
                        subject=subject,
                        count=1,
                        window_ends_at=now + limit.window,
                    )
                break
            except IntegrityError:  # another request created it first: count on it
                continue
        counter = rows.get()
        if counter.count < limit.attempts:
            return None
        until = now + limit.lockout
        # Only one of several concurrent attempts past the limit starts the lock.
        started = rows.filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now)).update(
            locked_until=until, window_ends_at=max(counter.window_ends_at, until)
        )
        if not started:
            return None
        counter.refresh_from_db()
        return counter
