"""Event handlers owned by learning."""

from __future__ import annotations

import logging
from typing import Any

from bitewise.learning.data import CredentialEarned

logger = logging.getLogger(__name__)


def log_credential_earned(payload: dict[str, Any]) -> None:
    earned = CredentialEarned.from_payload(payload)
    logger.info(
        "credential earned",
        extra={
            "award_id": earned.award_id,
            "learner_id": earned.learner_id,
            "kind": earned.kind,
            "achievement": earned.achievement_slug,
        },
    )
