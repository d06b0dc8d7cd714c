"""Forms of the staff webinar pages: input parsing only; the services decide what is valid."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import Q

from bitewise.catalog.models import Lesson, LessonKind, MicroCredential, Skill, Status
from bitewise.engines.ce_credits import Rounding
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
LENGTH = re.compile(r"^(?:(?P<minutes>\d{1,3}):(?P<seconds>[0-5]\d)|(?P<total>\d{1,5}))$")


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


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def _placed(wall: datetime, zone: str) -> datetime:
    # An unknown zone leaves the time without one: the service refuses the zone, naming it.
    return wall.replace(tzinfo=ZoneInfo(zone)) if _is_zone(zone) else wall


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


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Attendance report",
        help_text="The CSV the platform exports (Zoom, GoToWebinar, Teams or any CSV with "
        "email, join and leave columns). Excel workbooks: save as CSV first.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    platform = forms.ChoiceField(
        choices=[
            ("", "Detect automatically"),
            ("zoom", "Zoom"),
            ("gotowebinar", "GoToWebinar"),
            ("teams", "Microsoft Teams"),
            ("generic", "Other CSV"),
        ],
        required=False,
    )
    time_zone = forms.CharField(
        label="Time zone of times without one",
        max_length=64,
        required=False,
        help_text="Zoom and Teams write the account's local time; defaults to the webinar's zone.",
        widget=forms.TextInput(attrs={"list": "common-zones", "autocomplete": "off"}),
    )

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data["time_zone"].strip()
        # Checked here as well: the attendance engine lets a folder name such as
        # "America" through as an IsADirectoryError.
        if zone and not _is_zone(zone):
            raise forms.ValidationError(f"“{zone}” is not a time zone (use e.g. America/Chicago).")
        return zone


class ResolveForm(forms.Form):
    email = forms.EmailField(label="Learner's email address")


class DismissForm(forms.Form):
    # Not required here: the service refuses an empty note and says why.
    note = forms.CharField(label="Why dismiss (kept for the audit)", max_length=300, required=False)


class RecordingForm(forms.Form):
    upload = forms.FileField(
        label="Recording file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*,video/*"}),
    )
    url = forms.URLField(label="…or its URL", required=False, max_length=500, assume_scheme="https")
    length = forms.CharField(
        label="Length",
        max_length=12,
        help_text="minutes:seconds (14:35) or seconds (875).",
        widget=forms.TextInput(attrs={"placeholder": "14:35"}),
    )

    def clean_length(self) -> int:
        match = LENGTH.match(self.cleaned_data["length"].strip())
        if match is None:
            raise forms.ValidationError("Write the length as minutes:seconds or as seconds.")
        if match["total"] is not None:
            return int(match["total"])
        return int(match["minutes"]) * 60 + int(match["seconds"])


class NewProgramForm(forms.Form):
    code = forms.SlugField(
        max_length=60, help_text="Lower-case letters, digits and hyphens, e.g. state-board-ce."
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"]
        if CreditProgram.objects.filter(code=code).exists():
            raise forms.ValidationError("A program with this code exists already.")
        return code


RULE_DECIMALS = (
    "minutes_per_credit",
    "increment",
    "minimum_minutes",
    "fixed_credit",
    "min_session_minutes",
    "session_under_minutes",
    "required_share",
    "assessment_pass_percent",
)


class ProgramForm(forms.Form):
    """The program's certificate details and its rule, field by field (CreditRule.to_dict)."""

    provider_name = forms.CharField(max_length=200, required=False)
    sponsor_id = forms.CharField(label="Sponsor id", max_length=60, required=False)
    credit_type = forms.CharField(
        max_length=120, required=False, help_text="Field of study or credit type on certificates."
    )
    delivery_method = forms.CharField(max_length=80)
    approver_statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label="Offered for new webinars", required=False)
    body = forms.CharField(label="Accrediting body", max_length=120)
    unit = forms.CharField(label="Credit unit", max_length=80)
    # Decimal fields take any number: the rule says which values it refuses, and why.
    minutes_per_credit = forms.DecimalField(label="Minutes per credit")
    increment = forms.DecimalField(help_text="Credit is awarded in multiples of this.")
    rounding = forms.ChoiceField(choices=[(r.value, r.value) for r in Rounding])
    minimum_minutes = forms.DecimalField(label="Minimum minutes before any credit")
    fixed_credit = forms.DecimalField(
        required=False, help_text="Leave empty unless the format is worth a fixed credit."
    )
    min_session_minutes = forms.DecimalField(label="Shortest session (minutes)")
    session_under_minutes = forms.DecimalField(
        label="Sessions must be under (minutes)", required=False, help_text="Empty: no upper limit."
    )
    required_share = forms.DecimalField(
        label="Share of the session to attend (0 to 1)", help_text="1 = all of it."
    )
    attendance_checks_per_credit = forms.IntegerField(label="Attendance checks per credit")
    report_alone_is_evidence = forms.BooleanField(
        label="A join/leave report alone is evidence of attendance", required=False
    )
    requires_assessment = forms.BooleanField(label="Requires a passed assessment", required=False)
    assessment_pass_percent = forms.DecimalField(label="Assessment pass mark (%)")
    allows_series_bundling = forms.BooleanField(label="Minutes of a series add up", required=False)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Cite the body's document.",
    )

    META = (
        "provider_name",
        "sponsor_id",
        "credit_type",
        "delivery_method",
        "approver_statement",
        "is_active",
    )

    def __init__(self, *args: Any, program: CreditProgram, **kwargs: Any) -> None:
        rule = program.credit_rule.to_dict()
        initial = {name: getattr(program, name) for name in self.META}
        initial.update({name: value for name, value in rule.items() if name in self.base_fields})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def rule(self) -> dict[str, Any]:
        """The rule dict ``credit_program_update`` takes: decimals as strings."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in self.META:
                continue
            out[name] = str(value) if isinstance(value, Decimal) else value
        return out

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.META}
