from bitewise.webinars.models.attendance import (
    Attendance,
    AttendanceCheck,
    AttendanceImport,
    CheckAnswer,
    UnmatchedAttendee,
    UnmatchedStatus,
    Viewing,
)
from bitewise.webinars.models.credits import CreditAward, CreditMode
from bitewise.webinars.models.programs import CreditProgram, Series
from bitewise.webinars.models.registrations import Registration, RegistrationStatus
from bitewise.webinars.models.webinars import (
    MAX_MINUTES,
    MIN_MINUTES,
    Webinar,
    WebinarStatus,
)

__all__ = [
    "MAX_MINUTES",
    "MIN_MINUTES",
    "Attendance",
    "AttendanceCheck",
    "AttendanceImport",
    "CheckAnswer",
    "CreditAward",
    "CreditMode",
    "CreditProgram",
    "Registration",
    "RegistrationStatus",
    "Series",
    "UnmatchedAttendee",
    "UnmatchedStatus",
    "Viewing",
    "Webinar",
    "WebinarStatus",
]
