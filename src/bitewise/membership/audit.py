"""Every change to memberships, access, plans, prices, seats and orders goes into the
project's audit log (``accounts.AuditEntry``), by a person or by the payment provider."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bitewise.accounts.models import AuditAction, User
from bitewise.accounts.services.audit import audit_entry_record


def access_changed(
    *, by: User | None, target: str, record: object, detail: Mapping[str, Any]
) -> None:
    audit_entry_record(
        actor=by,
        action=AuditAction.ACCESS_CHANGED,
        target=target,
        record=str(record),
        detail=_plain(detail),
    )


def money_changed(
    *, by: User | None, target: str, record: object, detail: Mapping[str, Any]
) -> None:
    audit_entry_record(
        actor=by,
        action=AuditAction.MONEY_CHANGED,
        target=target,
        record=str(record),
        detail=_plain(detail),
    )


def _plain(detail: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-ready: decimals, dates and ids as strings."""
    return {
        key: value if isinstance(value, (str, int, bool, type(None))) else str(value)
        for key, value in detail.items()
    }
