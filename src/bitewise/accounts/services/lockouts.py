"""Log-in lockouts: failures counted, the account holder mailed a one-time unlock link
when a lock starts, and staff clearing locks (audited)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from bitewise.accounts.limits import all_rules, login_rule
from bitewise.accounts.models import AuditAction, Throttle, ThrottleKind, User
from bitewise.accounts.services.audit import audit_entry_record
from bitewise.accounts.services.mail import account_mail_send, site_link
from bitewise.accounts.services.tokens import hash_token
from bitewise.accounts.throttle import Throttled, throttle_check, throttle_clear, throttle_count


class WrongPassword(Exception):
    """The current password typed is not the account's (counted, no lock started)."""


def login_failure_record(*, email: str, address: str) -> Throttled | None:
    """Count a wrong password for ``email`` from ``address``. When that starts a lock,
    return it; a lock on an existing account also mails its holder an unlock link."""
    rule = login_rule()
    locked = throttle_count(rule, address=address, account=email)
    for counter in locked:
        if counter.kind == ThrottleKind.ACCOUNT:
            _unlock_link_send(counter, address=address)
    if not locked:
        return None
    counter = max(locked, key=lambda c: c.kind == ThrottleKind.ACCOUNT)
    assert counter.locked_until is not None
    return Throttled(rule, counter.kind, counter.locked_until)


def login_success_record(*, email: str) -> None:
    """The right password (while not locked): the account's failures are forgiven."""
    throttle_clear(login_rule(), account=email)


def current_password_check(*, user: User, password: str, address: str) -> None:
    """Check the password a signed-in person typed as their current one (before a password
    change, or an API token), under the log-in throttle: refused with ``Throttled`` while
    the account or ``address`` is locked (the right password too); a wrong one is counted
    like a failed log-in and raises ``WrongPassword``, or ``Throttled`` when it starts a
    lock; the right one forgives the account's failures."""
    throttle_check(login_rule(), address=address, account=user.email)
    if not user.check_password(password):
        locked = login_failure_record(email=user.email, address=address)
        if locked is not None:
            raise locked
        raise WrongPassword("That is not your password.")
    login_success_record(email=user.email)


def _unlock_link_send(counter: Throttle, *, address: str) -> None:
    user = User.objects.filter(email__iexact=counter.subject, is_active=True).first()
    if user is None:
        return  # the same lock and message, but nobody to mail
    token = secrets.token_urlsafe(32)
    Throttle.objects.filter(pk=counter.pk).update(unlock_hash=hash_token(token))
    link = site_link(reverse("accounts:unlock", kwargs={"token": token}))
    transaction.on_commit(
        lambda: account_mail_send(
            to=user.email,
            template="unlock",
            context={"user": user, "link": link, "counter": counter, "address": address},
        )
    )


@transaction.atomic
def login_unlock_by_link(*, token: str, address: str) -> bool:
    """Follow an emailed unlock link: the account's lock ends, and so does the lock on the
    address it is followed from. The link works once."""
    if not token or len(token) > 100:
        return False
    counter = Throttle.objects.filter(
        rule=login_rule().name, kind=ThrottleKind.ACCOUNT, unlock_hash=hash_token(token)
    ).first()
    if counter is None:
        return False
    counter.delete()
    throttle_clear(login_rule(), address=address)
    return True


@transaction.atomic
def throttles_clear(*, by: User, throttles: Iterable[Throttle], address: str = "") -> int:
    """Staff end locks and forget the counts; each one is written to the audit log."""
    if not by.is_staff_admin:
        raise PermissionDenied("Only an admin can clear locks.")
    cleared = 0
    for counter in throttles:
        Throttle.objects.filter(pk=counter.pk).delete()
        audit_entry_record(
            actor=by,
            action=AuditAction.LOCK_CLEARED,
            target=f"throttle:{counter.rule}:{counter.kind}",
            record=counter.subject,
            detail={"count": counter.count, "locked_until": str(counter.locked_until or "")},
            address=address,
        )
        cleared += 1
    return cleared


def throttles_of_account(user: User) -> list[Throttle]:
    """Every counter kept for this person: by email, and by id (attendance codes)."""
    names = [rule.name for rule in all_rules()]
    return list(
        Throttle.objects.filter(
            Q(subject__iexact=user.email) | Q(subject=f"user:{user.pk}"),
            kind=ThrottleKind.ACCOUNT,
            rule__in=names,
        )
    )
