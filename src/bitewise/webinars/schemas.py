"""Request and response shapes of the webinars API."""

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from bitewise.webinars.models import RegistrationStatus, Webinar
from bitewise.webinars.selectors import seats_left
from bitewise.webinars.services.credit import series_program
from bitewise.webinars.services.invites import webinar_url

MAX_HEARTBEAT_POSITION = 86_400


class CreditProgramOut(Schema):
    code: str
    name: str
    unit: str


class WebinarSummaryOut(Schema):
    id: UUID
    title: str
    presenter: str
    status: str
    starts_at: datetime = Field(..., description="UTC")
    time_zone: str = Field(..., description="IANA zone the session is announced in")
    duration_minutes: int
    url: str = Field(..., description="The webinar's page")

    @staticmethod
    def resolve_starts_at(obj: Webinar) -> datetime:
        return obj.starts_at.astimezone(UTC)

    @staticmethod
    def resolve_url(obj: Webinar) -> str:
        return webinar_url(obj)


class WebinarOut(WebinarSummaryOut):
    capacity: int = Field(..., description="Seats; 0 = no limit")
    seats_left: int | None = Field(..., description="null when there is no limit")
    credit_program: CreditProgramOut | None
    series: str | None = Field(..., description="The series' title")
    has_recording: bool

    @staticmethod
    def resolve_seats_left(obj: Webinar) -> int | None:
        taken = getattr(obj, "seats_taken", None)  # annotated by webinars_upcoming()
        if taken is None:
            return seats_left(obj)
        return max(0, obj.capacity - taken) if obj.capacity else None

    @staticmethod
    def resolve_credit_program(obj: Webinar) -> dict[str, Any] | None:
        program = series_program(obj) or obj.credit_program
        if program is None:
            return None
        return {"code": program.code, "name": str(program), "unit": program.credit_rule.unit}

    @staticmethod
    def resolve_series(obj: Webinar) -> str | None:
        return obj.series.title if obj.series else None

    @staticmethod
    def resolve_has_recording(obj: Webinar) -> bool:
        return bool(obj.recording_source and obj.recording_seconds)


class WebinarSkillOut(Schema):
    slug: str
    name: str
    framework_code: str
    framework_url: str


class WebinarDetailOut(WebinarOut):
    description: str = Field(..., description="Markdown source")
    skills: list[WebinarSkillOut]
    registration: RegistrationStatus | None = Field(
        None, description="The caller's registration; null when anonymous or never registered"
    )

    @staticmethod
    def resolve_registration(obj: Webinar) -> str | None:
        return getattr(obj, "caller_registration", None)  # set by the route


class RegistrationOut(Schema):
    webinar_id: UUID
    status: RegistrationStatus
    registered_at: datetime
    seated_at: datetime | None


class MyWebinarOut(Schema):
    webinar: WebinarSummaryOut
    status: RegistrationStatus
    registered_at: datetime


class CheckIn(Schema):
    code: str = Field(..., max_length=16)


class AttendanceCheckOut(Schema):
    code: str
    answered_at: datetime


class HeartbeatIn(Schema):
    start: int = Field(..., ge=0, le=MAX_HEARTBEAT_POSITION, description="Seconds")
    end: int = Field(..., ge=1, le=MAX_HEARTBEAT_POSITION, description="Seconds, exclusive")


class HeartbeatOut(Schema):
    watched_seconds: int
    of_seconds: int


class TranscriptQuery(Schema):
    date_from: date | None = None
    date_to: date | None = None
    unit: str = Field("", max_length=80)


class TranscriptRowOut(Schema):
    date: date
    title: str
    provider: str
    credit: str = Field(..., description="A decimal, e.g. 0.25")
    unit: str
    credit_type: str
    delivery_method: str
    certificate_id: str
    verify_url: str


class CertificateOut(Schema):
    id: UUID
    title: str
    activity_date: date
    credit: str = Field(..., description="A decimal, e.g. 0.25")
    unit: str
    credit_type: str
    provider: str
    delivery_method: str
    valid: bool = Field(..., description="False once revoked")
    revoked_reason: str
    credential_url: str | None = Field(
        None, description="The Open Badges 3.0 credential for this credit, once issued"
    )
    learner_name: str | None = Field(
        ..., description="The learner's display name, only if they set one"
    )
