"""Recording staff reads of learners' personal data from a request (views and the admin)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest

from bitewise.accounts.addresses import client_address
from bitewise.accounts.models import AuditAction, User
from bitewise.accounts.services.audit import audit_entry_record


def personal_data_read(
    request: HttpRequest,
    *,
    target: str,
    record: object = "",
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Log that the requesting staff member was shown ``target`` (a list, or the record
    ``record``) with learners' personal data in it."""
    actor = request.user if isinstance(request.user, User) else None
    audit_entry_record(
        actor=actor,
        action=AuditAction.PERSONAL_DATA_READ,
        target=target,
        record=str(record),
        detail=detail,
        address=client_address(request),
    )
