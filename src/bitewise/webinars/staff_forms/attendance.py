"""Forms of the attendance, credit and recording parts of a webinar's staff page."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from bitewise.common.uploads import recording_upload_check, text_upload_check
from bitewise.webinars.services.attendance import MAX_BYTES as MAX_REPORT_BYTES
from bitewise.webinars.staff_forms.webinars import is_zone

LENGTH = re.compile(r"^(?:(?P<minutes>\d{1,3}):(?P<seconds>[0-5]\d)|(?P<total>\d{1,5}))$")


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

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        text_upload_check(
            upload, what="attendance report", export_as="CSV", max_bytes=MAX_REPORT_BYTES
        )
        return upload

    def clean_time_zone(self) -> str:
        zone: str = self.cleaned_data["time_zone"].strip()
        # Checked here as well: the attendance engine lets a folder name such as
        # "America" through as an IsADirectoryError.
        if zone and not is_zone(zone):
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

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if upload:
            recording_upload_check(upload)
        return upload

    def clean_length(self) -> int:
        match = LENGTH.match(self.cleaned_data["length"].strip())
        if match is None:
            raise forms.ValidationError("Write the length as minutes:seconds or as seconds.")
        if match["total"] is not None:
            return int(match["total"])
        return int(match["minutes"]) * 60 + int(match["seconds"])


class RevokeForm(forms.Form):
    # Neither required nor limited here: the service refuses an empty reason, says why,
    # and keeps the first 300 characters.
    reason = forms.CharField(label="Why revoke (shown on the certificate page)", required=False)
