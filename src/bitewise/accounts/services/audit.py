"""The audit log: one row per staff read of learners' personal data or security action,
and the same facts as a JSON log line (logger ``bitewise.audit``) for log collectors."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bitewise.accounts.models import AuditEntry, User

logger = logging.getLogger("bitewise.audit")


def audit_entry_record(
    *,
    actor: User | None,
    action: str,
    target: str,
    record: str = "",
    detail: Mapping[str, Any] | None = None,
    address: str = "",
) -> AuditEntry:
    entry = AuditEntry.objects.create(
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        action=action,
        target=target[:200],
        record=record[:100],
        detail=dict(detail or {}),
        address=address[:64],
    )
    logger.info(
        "audit",
        extra={
            "audit_action": action,
            "actor": entry.actor_email,
            "actor_id": actor.pk if actor is not None else None,
            "target": entry.target,
            "record": entry.record,
            "detail": entry.detail,
            "address": entry.address,
        },
    )
    return entry
