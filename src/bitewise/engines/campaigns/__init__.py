"""Campaign step timing: when a step of an event campaign reaches one learner.

Framework-free: aware datetimes and IANA zone names in, aware UTC datetimes out."""

from bitewise.engines.campaigns.schedule import (
    DEFAULT_SEND_AT,
    MAX_OFFSET_DAYS,
    MIN_OFFSET_DAYS,
    QuietHours,
    QuietHoursError,
    StepOffset,
    is_for_late_joiner,
    local_instant,
    parse_quiet_hours,
    shift_out_of_quiet,
    step_due_at,
)

__all__ = [
    "DEFAULT_SEND_AT",
    "MAX_OFFSET_DAYS",
    "MIN_OFFSET_DAYS",
    "QuietHours",
    "QuietHoursError",
    "StepOffset",
    "is_for_late_joiner",
    "local_instant",
    "parse_quiet_hours",
    "shift_out_of_quiet",
    "step_due_at",
]
