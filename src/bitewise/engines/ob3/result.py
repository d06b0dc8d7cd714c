"""What a verification found: named checks, each passed or failed with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bitewise.engines.ob3.contexts import ContextVariant


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class VerificationResult:
    checks: tuple[Check, ...]
    credential: dict[str, Any] | None = None
    # Which copy of context-3.0.3.json the signature verified under, for JSON-LD proofs.
    context_variant: ContextVariant | None = None

    @property
    def is_valid(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def status(self) -> Literal["VALID", "INVALID"]:
        return "VALID" if self.is_valid else "INVALID"

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.ok)

    @property
    def reason(self) -> str:
        return "; ".join(f"{check.name}: {check.reason}" for check in self.failures)

    def failed(self, name: str) -> bool:
        return any(check.name == name for check in self.failures)


def invalid(name: str, reason: str) -> VerificationResult:
    return VerificationResult((Check(name, False, reason),))
