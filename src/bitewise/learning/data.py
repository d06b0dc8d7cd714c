"""Values other apps receive from learning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

AwardKind = Literal["micro_credential", "pathway"]


@dataclass(frozen=True)
class CredentialEarned:
    """The payload of the ``credential_earned`` domain event.

    The credentials app turns it into a signed badge: ``award_id`` is the key to issue
    exactly once, ``snapshot`` is what was earned (title, version, skills, credits,
    lessons, and for a pathway its component achievements)."""

    award_id: int
    learner_id: int
    kind: AwardKind
    achievement_id: int
    achievement_slug: str
    version: int
    score: int | None
    awarded_at: str
    snapshot: dict[str, Any]

    def to_payload(self) -> dict[str, Any]:
        return {
            "award_id": self.award_id,
            "learner_id": self.learner_id,
            "kind": self.kind,
            "achievement_id": self.achievement_id,
            "achievement_slug": self.achievement_slug,
            "version": self.version,
            "score": self.score,
            "awarded_at": self.awarded_at,
            "snapshot": self.snapshot,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> CredentialEarned:
        return cls(**payload)
