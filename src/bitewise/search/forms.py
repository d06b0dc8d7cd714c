from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from bitewise.catalog.models import Lesson
from bitewise.common.uploads import text_upload_check
from bitewise.search.limits import transcript_limits
from bitewise.webinars.models import Webinar


class TranscriptUploadForm(forms.Form):
    lesson = forms.ModelChoiceField(
        queryset=Lesson.objects.none(), required=False, help_text="A lesson with audio or video"
    )
    webinar = forms.ModelChoiceField(
        queryset=Webinar.objects.none(), required=False, help_text="A webinar with a recording"
    )
    file = forms.FileField(
        help_text="WebVTT (.vtt, Zoom's included), SubRip (.srt) or .txt with [mm:ss] stamps"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lesson"].queryset = Lesson.objects.filter(  # type: ignore[attr-defined]
            ~Q(media_file="") | ~Q(media_url="")
        ).only("id", "title")
        self.fields["webinar"].queryset = Webinar.objects.filter(  # type: ignore[attr-defined]
            ~Q(recording_file="") | ~Q(recording_url="")
        ).only("id", "title", "starts_at")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        text_upload_check(
            upload,
            what="transcript",
            export_as="WebVTT, SRT or text",
            max_bytes=transcript_limits().max_bytes,
        )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("lesson")) == bool(data.get("webinar")):
            raise forms.ValidationError("Choose either a lesson or a webinar.")
        return data
