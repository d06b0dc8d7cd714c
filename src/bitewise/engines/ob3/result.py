"""What a verification found: named checks, each passed, failed, or not made (with a reason).

Three outcomes are kept apart: VALID (every check made and passed), INVALID (a check was made
and failed) and COULD_NOT_VERIFY (nothing failed, but a check could not be made: the issuer's
key or the status list was out of reach). A check that was not made never counts as passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bitewise.engines.ob3.contexts import ContextVariant

Outcome = Literal["VALID", "INVALID", "COULD_NOT_VERIFY"]
VALID: Outcome = "VALID"
INVALID: Outcome = "INVALID"
COULD_NOT_VERIFY: Outcome = "COULD_NOT_VERIFY"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    reason: str = ""
    # False: the check could not be made (ok is then False too, and the reason says why).
    checked: bool = True

    @property
    def outcome(self) -> Literal["passed", "failed", "not_checked"]:
        if self.ok:
            return "passed"
        return "failed" if self.checked else "not_checked"


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
    def status(self) -> Outcome:
        if self.is_valid:
            return VALID
        if any(check.checked and not check.ok for check in self.checks) or not self.checks:
            return INVALID
        return COULD_NOT_VERIFY

    @property
    def failures(self) -> tuple[Check, ...]:
        """Checks that failed or could not be made."""
        return tuple(check for check in self.checks if not check.ok)

    @property
    def reason(self) -> str:
        return "; ".join(f"{check.name}: {check.reason}" for check in self.failures)

    def failed(self, name: str) -> bool:
        """Whether the check ``name`` failed or could not be made."""
        return any(check.name == name for check in self.failures)

    def not_checked(self, name: str) -> bool:
        return any(c.name == name and not c.ok and not c.checked for c in self.checks)


def invalid(name: str, reason: str) -> VerificationResult:
    return VerificationResult((Check(name, False, reason),))


def not_verified(name: str, reason: str) -> VerificationResult:
    return VerificationResult((Check(name, False, reason, checked=False),))
