from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from bitewise.common.mail_addresses import NO_MAIL_NOTE
from bitewise.engines.spacing import MAX_HOLD_AHEAD_DAYS
from bitewise.reviews.errors import ReviewError
from bitewise.reviews.services.preferences import MAX_HOLD_DAYS, hold_check


class AnswerForm(forms.Form):
    choice = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": "Choose an answer."}
    )
    shown = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, choice_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = [(pk, pk) for pk in choice_ids]  # type: ignore[attr-defined]


class PreferencesForm(forms.Form):
    hold_from = forms.DateField(
        required=False, label="Hold from", widget=forms.DateInput(attrs={"type": "date"})
    )
    hold_to = forms.DateField(
        required=False,
        label="Hold until (inclusive)",
        help_text=f"No reviews are offered and none fall overdue; at most {MAX_HOLD_DAYS} days, "
        "ending within a year.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    is_digest_wanted = forms.BooleanField(
        required=False, label="Email me a daily digest when reviews are due"
    )

    def __init__(self, *args: Any, can_email: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_email:  # the switch would do nothing: not changeable, and says why
            self.fields["is_digest_wanted"].disabled = True
            self.fields["is_digest_wanted"].help_text = NO_MAIL_NOTE
        latest = (timezone.localdate() + timedelta(days=MAX_HOLD_AHEAD_DAYS)).isoformat()
        for name in ("hold_from", "hold_to"):  # the browser's date picker stops there too
            self.fields[name].widget.attrs["max"] = latest

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            hold_check(
                hold_from=data.get("hold_from"),
                hold_to=data.get("hold_to"),
                today=timezone.localdate(),
            )
        except ReviewError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data
