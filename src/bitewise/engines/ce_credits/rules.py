"""A CE credit rule as data: how one accrediting body turns minutes into credit.

Rules are stored as JSON (``to_dict`` / ``rule_from_dict``), so staff can copy a shipped rule,
edit it and keep the edited version; every award records the rule's code and version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

ZERO = Decimal(0)
SEVENTY = Decimal(70)
HUNDRED = Decimal(100)


class Rounding(StrEnum):
    DOWN = "down"  # never award time that was not spent; NASBA allows only this
    NEAREST = "nearest"  # half up, as IACET reports CEUs to the nearest tenth


@dataclass(frozen=True, kw_only=True)
class CreditRule:
    """One program's credit arithmetic and evidence requirements.

    Credit comes from the minutes a learner attended, capped at the session length.
    ``minimum_minutes`` applies to those credited minutes; ``min_session_minutes`` and
    ``session_under_minutes`` bound the session (or bundled series) length for the format.
    ``required_share`` is the share of the session (0 to 1) a learner must attend for any credit.
    """

    code: str
    version: int
    body: str
    unit: str
    minutes_per_credit: Decimal
    increment: Decimal
    rounding: Rounding = Rounding.DOWN
    minimum_minutes: Decimal = ZERO
    fixed_credit: Decimal | None = None
    min_session_minutes: Decimal = ZERO
    session_under_minutes: Decimal | None = None
    required_share: Decimal = ZERO
    attendance_checks_per_credit: int = 0
    report_alone_is_evidence: bool = True
    requires_assessment: bool = False
    assessment_pass_percent: Decimal = SEVENTY
    allows_series_bundling: bool = True
    notes: str = ""

    def __post_init__(self) -> None:
        for field in fields(self):
            _check_type(field.name, getattr(self, field.name))
        _require(bool(self.code.strip()), "code", "must not be empty")
        _require(self.version >= 1, "version", "must be 1 or more")
        _require(bool(self.unit.strip()), "unit", "must not be empty")
        _require(self.minutes_per_credit > 0, "minutes_per_credit", "must be more than 0")
        _require(self.increment > 0, "increment", "must be more than 0")
        _require(self.minimum_minutes >= 0, "minimum_minutes", "must not be negative")
        _require(self.min_session_minutes >= 0, "min_session_minutes", "must not be negative")
        if self.session_under_minutes is not None:
            _require(
                self.session_under_minutes > self.min_session_minutes,
                "session_under_minutes",
                "must be more than min_session_minutes",
            )
        if self.fixed_credit is not None:
            _require(self.fixed_credit > 0, "fixed_credit", "must be more than 0")
            _require(
                self.fixed_credit % self.increment == 0,
                "fixed_credit",
                "must be a whole number of increments",
            )
        _require(0 <= self.required_share <= 1, "required_share", "must be between 0 and 1")
        _require(
            self.attendance_checks_per_credit >= 0,
            "attendance_checks_per_credit",
            "must not be negative",
        )
        _require(
            0 <= self.assessment_pass_percent <= HUNDRED,
            "assessment_pass_percent",
            "must be between 0 and 100",
        )

    @property
    def name(self) -> str:
        """How people say it: "NASBA CPE credit", "AMA PRA Category 1 Credit™"."""
        return self.unit if self.unit.startswith(self.body) else f"{self.body} {self.unit}"

    def round_credit(self, raw: Decimal) -> Decimal:
        """``raw`` credit as a whole number of increments, rounded per the rule."""
        mode = ROUND_FLOOR if self.rounding is Rounding.DOWN else ROUND_HALF_UP
        steps = (raw / self.increment).to_integral_value(rounding=mode)
        # Keep the increment's decimal places, so 2 credits in fifths reads "2.0".
        return (steps * self.increment).quantize(self.increment)

    def to_dict(self) -> dict[str, str | int | bool | None]:
        """JSON-ready: decimals as strings, so no float ever touches the arithmetic."""
        out: dict[str, str | int | bool | None] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            out[field.name] = str(value) if isinstance(value, Decimal) else value
        return out


_DECIMALS = {
    "minutes_per_credit",
    "increment",
    "minimum_minutes",
    "fixed_credit",
    "min_session_minutes",
    "session_under_minutes",
    "required_share",
    "assessment_pass_percent",
}
_OPTIONAL = {"fixed_credit", "session_under_minutes"}
_INTS = {"version", "attendance_checks_per_credit"}
_BOOLS = {"report_alone_is_evidence", "requires_assessment", "allows_series_bundling"}
_STRINGS = {"code", "body", "unit", "notes"}
_REQUIRED = {"code", "version", "body", "unit", "minutes_per_credit", "increment"}


def rule_from_dict(data: Mapping[str, object]) -> CreditRule:
    """Build a rule from stored or staff-entered data; ``ValueError`` names the bad field."""
    known = {field.name for field in fields(CreditRule)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(unknown)}")
    missing = sorted(_REQUIRED - set(data))
    if missing:
        raise ValueError(f"missing field(s): {', '.join(missing)}")
    values = {name: _parse(name, value) for name, value in data.items()}
    return CreditRule(**values)  # type: ignore[arg-type]  # each value was checked by _parse


def _parse(name: str, value: object) -> object:
    if name in _DECIMALS:
        return None if value is None and name in _OPTIONAL else _to_decimal(name, value)
    if name == "rounding":
        try:
            return Rounding(str(value))
        except ValueError:
            choices = ", ".join(r.value for r in Rounding)
            raise ValueError(f"rounding: must be one of {choices} (got {value!r})") from None
    return value  # ints, bools and strings are type-checked in CreditRule.__post_init__


def _to_decimal(name: str, value: object) -> Decimal:
    # Floats are refused: 0.1 is not 0.1 in binary, and credit arithmetic must be exact.
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError(f"{name}: must be a whole number or a decimal string (got {value!r})")
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise ValueError(f"{name}: {value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{name}: must be a finite number (got {value!r})")
    return number


def _check_type(name: str, value: object) -> None:
    if name in _DECIMALS:
        if value is None and name in _OPTIONAL:
            return
        _require(isinstance(value, Decimal) and value.is_finite(), name, "must be a finite Decimal")
    elif name in _INTS:
        _require(
            isinstance(value, int) and not isinstance(value, bool), name, "must be a whole number"
        )
    elif name in _BOOLS:
        _require(isinstance(value, bool), name, "must be true or false")
    elif name in _STRINGS:
        _require(isinstance(value, str), name, "must be text")
    elif name == "rounding":
        _require(isinstance(value, Rounding), name, "must be a Rounding")


def _require(condition: bool, name: str, message: str) -> None:
    if not condition:
        raise ValueError(f"{name}: {message}")
