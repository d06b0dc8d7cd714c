"""The association's other systems: learning records for its LRS (xAPI), LTI 1.3
platforms that launch Bitewise, and the scores sent back to them."""

from bitewise.integrations.models.lti import (
    LtiAccount,
    LtiGradeLink,
    LtiNonce,
    LtiPlatform,
    LtiScore,
)
from bitewise.integrations.models.records import LearningRecord, OutboxState

__all__ = [
    "LearningRecord",
    "LtiAccount",
    "LtiGradeLink",
    "LtiNonce",
    "LtiPlatform",
    "LtiScore",
    "OutboxState",
]
