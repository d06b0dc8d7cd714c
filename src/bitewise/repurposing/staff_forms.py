"""Forms for the repurposing staff pages."""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms

from bitewise.catalog.models import MicroCredential, Status
from bitewise.catalog.models.lessons import MAX_LESSON_MINUTES
from bitewise.common.uploads import text_upload_check
from bitewise.engines.text.sizes import describe_bytes
from bitewise.search.limits import transcript_limits

_CLOCK = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)\s*$")


class NewJobForm(forms.Form):
    title = forms.CharField(max_length=200, required=False, help_text="Blank: the file's name")
    recording = forms.FileField(
        required=False,
        help_text="mp3, m4a, wav, ogg, mp4, webm or mov",
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*,video/*"}),
    )
    transcript = forms.FileField(
        required=False,
        help_text="WebVTT (Zoom's too), SRT or text; with a recording, it is used instead of "
        "transcribing and the recording gives the clips",
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,.txt,text/vtt,text/plain"}),
    )
    min_minutes = forms.FloatField(label="Shortest lesson (minutes)", initial=2, min_value=0)
    max_minutes = forms.FloatField(
        label="Longest lesson (minutes)", initial=8, min_value=0.5, max_value=MAX_LESSON_MINUTES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = transcript_limits()
        self.fields[
            "transcript"
        ].help_text += (
            f"; up to {describe_bytes(limits.max_bytes)} and {limits.max_seconds / 3600:g} hours"
        )

    def clean_transcript(self) -> Any:
        upload = self.cleaned_data["transcript"]
        if upload:
            text_upload_check(
                upload,
                what="transcript",
                export_as="WebVTT, SRT or text",
                max_bytes=transcript_limits().max_bytes,
            )
        return upload


class FeedForm(forms.Form):
    feed = forms.FileField(
        label="Podcast RSS feed file",
        help_text=(
            "Each episode with a recording becomes a job; ones you or your colleagues already"
            " queued are skipped"
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.rss,application/rss+xml"}),
    )


def parse_clock(text: str) -> float | None:
    """``"12:30"``, ``"1:02:03"``, ``"95"`` or ``"95.5"`` → seconds; None if not a time."""
    text = text.strip()
    try:
        return float(text) if text and ":" not in text else _clock(text)
    except ValueError:
        return None


def _clock(text: str) -> float | None:
    match = _CLOCK.match(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


class TimeForm(forms.Form):
    at = forms.CharField(label="Time (m:ss)", max_length=12)

    def clean_at(self) -> float:
        seconds = parse_clock(self.cleaned_data["at"])
        if seconds is None or not math.isfinite(seconds) or seconds < 0:  # "nan", "inf"
            raise forms.ValidationError("Give a time such as 12:30 or 1:02:03.")
        return seconds


class PublishForm(forms.Form):
    target = forms.ChoiceField(
        choices=[("new", "A new draft micro-credential"), ("existing", "An existing one")],
        widget=forms.RadioSelect,
        initial="new",
    )
    title = forms.CharField(max_length=200, required=False, label="New micro-credential's title")
    micro_credential = forms.ModelChoiceField(
        queryset=MicroCredential.objects.exclude(status=Status.RETIRED).order_by("title"),
        required=False,
        label="Add the lessons to",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("target") == "existing" and not data.get("micro_credential"):
            self.add_error("micro_credential", "Choose the micro-credential to add the lessons to.")
        return data


def questions_from_post(data: Any, count: int) -> list[dict[str, Any]]:
    """The question fields of the segment edit form: q-N-prompt, q-N-answer, q-N-choices."""
    return [
        {
            "prompt": data.get(f"q-{n}-prompt", ""),
            "answer": data.get(f"q-{n}-answer", ""),
            "choices": [line for line in data.get(f"q-{n}-choices", "").splitlines()],
        }
        for n in range(count)
    ]
