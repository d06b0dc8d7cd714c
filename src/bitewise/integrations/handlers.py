"""Domain-event handlers owned by integrations (listed in settings.BITEWISE_EVENT_HANDLERS)."""

from __future__ import annotations

from typing import Any

from bitewise.integrations.services.learning_records import credential_earned


def xapi_on_earned(payload: dict[str, Any]) -> None:
    """``credential_earned``: the "earned" statement (idempotent: its id is the award's)."""
    credential_earned(payload)
