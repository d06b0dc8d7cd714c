"""The webinar form: local wall-clock time in a chosen zone, and the service's arguments."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import Q

from bitewise.catalog.models import Lesson, LessonKind, MicroCredential, Skill, Status
from bitewise.webinars.models import MAX_MINUTES, MIN_MINUTES, CreditProgram, Series, Webinar

# Offered first; any other IANA name can be typed (the service checks it).
COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Halifax",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)
OTHER_ZONE = "other"


class WallClockField(forms.CharField):
    """A local date and time with no zone (``datetime-local``); the form's zone places it."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"})

    def to_python(self, value: Any) -> datetime | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError("Enter a date and time, e.g. 2026-12-01 14:30.") from None
        if parsed.tzinfo is not None:
            raise forms.ValidationError("Enter the local time only; choose the zone below.")
        return parsed

    def prepare_value(self, value: Any) -> Any:
        return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value


def _programs(current: CreditProgram | None) -> Any:
    where = Q(is_active=True) | Q(pk=current.pk) if current else Q(is_active=True)
    return CreditProgram.objects.filter(where).order_by("code")


class WebinarForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text="Markdown."
    )
    skills = forms.ModelMultipleChoiceField(
        Skill.objects.order_by("name"), required=False, help_text="Hold Ctrl/⌘ to pick several."
    )
    presenter = forms.CharField(max_length=200)
    starts_local = WallClockField(label="Starts (local time in the zone below)")
    zone_choice = forms.ChoiceField(
        label="Time zone",
        choices=[
            *((zone, zone.replace("_", " ")) for zone in COMMON_ZONES),
            (OTHER_ZONE, "Other…"),
        ],
    )
    zone_other = forms.CharField(
        label="Other time zone (IANA name)",
        required=False,
        max_length=64,
        help_text="Only when “Other…” is chosen, e.g. America/Regina.",
    )
    # No min/max validators: the service refuses other lengths and says why.
    duration_minutes = forms.IntegerField(
        label="Length in minutes",
        widget=forms.NumberInput(attrs={"min": MIN_MINUTES, "max": MAX_MINUTES}),
        help_text=f"{MIN_MINUTES} to {MAX_MINUTES} minutes.",
    )
    capacity = forms.IntegerField(min_value=0, initial=0, help_text="Seats; 0 = no limit.")
    join_url = forms.URLField(label="Join URL", max_length=500, assume_scheme="https")
    credit_program = forms.ModelChoiceField(
        CreditProgram.objects.none(), required=False, empty_label="No CE credit"
    )
    series = forms.ModelChoiceField(
        Series.objects.order_by("title"), required=False, empty_label="Not in a series"
    )
    checks_planned = forms.IntegerField(
        label="Attendance checks planned", min_value=0, max_value=20, initial=0
    )
    assessment = forms.ModelChoiceField(
        Lesson.objects.filter(kind=LessonKind.QUIZ).order_by("title"),
        required=False,
        empty_label="No assessment",
        label="Assessment (a quiz lesson)",
    )
    self_study_program = forms.ModelChoiceField(
        CreditProgram.objects.none(),
        required=False,
        empty_label="No self-study credit",
        label="Self-study program (watching the recording)",
    )
    self_study_percent = forms.IntegerField(
        label="Share of the recording to watch (%)", min_value=1, max_value=100, initial=90
    )
    follow_up = forms.ModelChoiceField(
        MicroCredential.objects.exclude(status=Status.RETIRED).order_by("title"),
        required=False,
        empty_label="None",
        label="Follow-up micro-credential",
    )

    def __init__(self, *args: Any, webinar: Webinar | None = None, **kwargs: Any) -> None:
        if webinar is not None:
            kwargs.setdefault("initial", initial_of(webinar))
        else:
            zone = settings.TIME_ZONE if settings.TIME_ZONE in COMMON_ZONES else "UTC"
            kwargs.setdefault("initial", {"zone_choice": zone})
        super().__init__(*args, **kwargs)
        for name in ("credit_program", "self_study_program"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = _programs(getattr(webinar, name) if webinar else None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("zone_choice")
        zone = (data.get("zone_other") or "").strip() if choice == OTHER_ZONE else choice
        if choice == OTHER_ZONE and not zone:
            self.add_error("zone_other", "Type the time zone's IANA name.")
        data["time_zone"] = zone or ""
        wall = data.get("starts_local")
        if wall is not None and zone:
            data["starts_at"] = _placed(wall, zone)
        return data

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments (``EDITABLE``), skills apart."""
        data = self.cleaned_data
        names = (
            "title",
            "description",
            "presenter",
            "starts_at",
            "time_zone",
            "duration_minutes",
            "capacity",
            "join_url",
            "credit_program",
            "series",
            "checks_planned",
            "assessment",
            "self_study_program",
            "self_study_percent",
            "follow_up",
        )
        return {name: data[name] for name in names}


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _placed(wall: datetime, zone: str) -> datetime:
    # An unknown zone leaves the time without one: the service refuses the zone, naming it.
    return wall.replace(tzinfo=ZoneInfo(zone)) if is_zone(zone) else wall


def initial_of(webinar: Webinar) -> dict[str, Any]:
    zone = webinar.time_zone
    return {
        "title": webinar.title,
        "description": webinar.description,
        "skills": list(webinar.skills.all()),
        "presenter": webinar.presenter,
        "starts_local": webinar.local_starts_at.replace(tzinfo=None),
        "zone_choice": zone if zone in COMMON_ZONES else OTHER_ZONE,
        "zone_other": "" if zone in COMMON_ZONES else zone,
        "duration_minutes": webinar.duration_minutes,
        "capacity": webinar.capacity,
        "join_url": webinar.join_url,
        "credit_program": webinar.credit_program_id,
        "series": webinar.series_id,
        "checks_planned": webinar.checks_planned,
        "assessment": webinar.assessment_id,
        "self_study_program": webinar.self_study_program_id,
        "self_study_percent": webinar.self_study_percent,
        "follow_up": webinar.follow_up_id,
    }
