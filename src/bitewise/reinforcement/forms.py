from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms

from bitewise.catalog.models import Lesson, Question
from bitewise.common.email_csv import MAX_BYTES as MAX_CSV_BYTES
from bitewise.common.mail_addresses import NO_MAIL_NOTE
from bitewise.common.uploads import text_upload_check
from bitewise.engines.campaigns import MAX_OFFSET_DAYS, MIN_OFFSET_DAYS
from bitewise.engines.insight.sampling import MAX_HOLDOUT_PERCENT
from bitewise.reinforcement.models import EventKind, StepKind

ZONES = sorted(available_timezones())


class EventForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=EventKind.choices)
    starts_at = forms.DateTimeField(
        label="Starts (local time in the event's zone)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    time_zone = forms.ChoiceField(choices=[(z, z) for z in ZONES], initial="UTC")
    description = forms.CharField(widget=forms.Textarea, required=False)


class CampaignForm(forms.Form):
    title = forms.CharField(max_length=200)
    holdout_percent = forms.IntegerField(
        label="Control group (percent of registrants who get no steps)",
        min_value=0,
        max_value=MAX_HOLDOUT_PERCENT,
        initial=0,
        required=False,
        help_text="Held-back learners are compared with reinforced ones in the lift report.",
    )


class HoldoutForm(forms.Form):
    holdout_percent = forms.IntegerField(
        label="Control group (percent)", min_value=0, max_value=MAX_HOLDOUT_PERCENT
    )


class StepForm(forms.Form):
    offset_days = forms.IntegerField(min_value=MIN_OFFSET_DAYS, max_value=MAX_OFFSET_DAYS)
    offset_hours = forms.IntegerField(min_value=-23, max_value=23, initial=0)
    kind = forms.ChoiceField(choices=StepKind.choices)
    subject = forms.CharField(max_length=200)
    message = forms.CharField(widget=forms.Textarea, required=False)
    lesson = forms.ModelChoiceField(queryset=Lesson.objects.order_by("title"), required=False)
    question = forms.ModelChoiceField(
        queryset=Question.objects.select_related("lesson").order_by("lesson__title", "position"),
        required=False,
    )


class RegisterForm(forms.Form):
    email = forms.EmailField(label="Learner's email")


class CsvForm(forms.Form):
    file = forms.FileField(label="CSV of email addresses")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        text_upload_check(
            upload, what="list of email addresses", export_as="CSV", max_bytes=MAX_CSV_BYTES
        )
        return upload


class PreferencesForm(forms.Form):
    time_zone = forms.ChoiceField(choices=[(z, z) for z in ZONES])
    quiet_hours = forms.CharField(
        max_length=11, required=False, help_text="e.g. 21:00-08:00; empty for the default"
    )
    is_email_enabled = forms.BooleanField(required=False, label="Send me email")

    def __init__(self, *args: Any, can_email: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_email:  # the switch would do nothing: shown off, not changeable
            self.fields["is_email_enabled"].disabled = True
            self.fields["is_email_enabled"].help_text = NO_MAIL_NOTE


class TopicsForm(forms.Form):
    def __init__(self, *args: Any, skills: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skills"] = forms.ModelMultipleChoiceField(
            queryset=skills, required=False, widget=forms.CheckboxSelectMultiple
        )
