"""Forms for the public catalog filter and the staff pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from bitewise.catalog.models import (
    FeedbackMode,
    Lesson,
    Level,
    MicroCredential,
    Pathway,
    Question,
    Skill,
)
from bitewise.catalog.selectors import CatalogFilters, skill_choices


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    skill = forms.ChoiceField(required=False)
    level = forms.ChoiceField(required=False, choices=[("", "Any level"), *Level.choices])
    max_minutes = forms.IntegerField(
        label="At most (minutes)", required=False, min_value=1, max_value=10_000
    )
    min_credits = forms.DecimalField(
        label="CE credits at least",
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    new = forms.BooleanField(label="New this month", required=False)
    included = forms.BooleanField(label="Included in my membership", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "Any skill"), *skill_choices()]

    def skill_options(self) -> SafeString:
        """The <option>s of the skill filter, built directly: Django's widget renders each
        option through a template, which costs more than the rest of the page."""
        selected = str(self["skill"].value() or "")
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (slug, mark_safe(" selected") if slug == selected else "", name)
                for slug, name in self.fields["skill"].choices
            ),
        )

    def to_filters(self) -> CatalogFilters:
        data = self.cleaned_data
        return CatalogFilters(
            skill=data.get("skill") or "",
            level=data.get("level") or "",
            max_minutes=data.get("max_minutes"),
            min_credits=data.get("min_credits"),
            text=(data.get("q") or "").strip(),
            is_new=bool(data.get("new")),
        )


class SkillForm(forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "slug", "description", "framework_code", "framework_url"]


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "minutes",
            "body_markdown",
            "media_kind",
            "media_file",
            "media_url",
            "start_seconds",
            "end_seconds",
            "skills",
        ]
        widgets = {"skills": forms.CheckboxSelectMultiple}
        help_texts = {
            "body_markdown": "Markdown. Scripts and unsafe HTML are removed.",
            "media_file": "mp3, m4a, wav, ogg, mp4, webm or mov",
        }
        error_messages = {
            "body_markdown": {
                "max_length": "The lesson text is %(show_value)s characters long; a lesson may "
                "have at most %(limit_value)s. Split it into two lessons, or shorten it."
            }
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # No maxlength in the page: a browser would cut a long paste short without a word.
        # Over the limit, the form comes back with the message and the whole text.
        self.fields["body_markdown"].widget.attrs.pop("maxlength", None)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "prompt", "position"]


class ChoiceForm(forms.Form):
    text = forms.CharField(max_length=300, required=False)
    is_correct = forms.BooleanField(required=False, label="Correct")
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


ChoiceFormSet = forms.formset_factory(ChoiceForm, extra=0, min_num=4, max_num=6)


# The assessment settings, in the order the staff form and the admin show them.
ASSESSMENT_FIELDS = [
    "max_attempts",
    "cooling_off_hours",
    "questions_per_attempt",
    "shuffle_choices",
    "feedback_mode",
]


class MicroCredentialForm(forms.ModelForm):
    class Meta:
        model = MicroCredential
        fields = [
            "title",
            "slug",
            "summary",
            "level",
            "skills",
            "ce_credits",
            "ce_credit_type",
            "pass_percent",
            "validity_months",
            *ASSESSMENT_FIELDS,
        ]
        widgets = {"skills": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # Left empty: no cooling-off, and feedback after submitting (the safe default).
        self.fields["cooling_off_hours"].required = False
        self.fields["feedback_mode"].required = False

    def clean_cooling_off_hours(self) -> int:
        return self.cleaned_data.get("cooling_off_hours") or 0

    def clean_feedback_mode(self) -> str:
        return self.cleaned_data.get("feedback_mode") or FeedbackMode.AFTER_SUBMIT


class LessonOrderForm(forms.Form):
    """Lesson ids in learning order, comma-separated (the page fills it by drag or arrows)."""

    lesson_ids = forms.CharField(max_length=2000, required=False)

    def clean_lesson_ids(self) -> list[int]:
        raw = self.cleaned_data["lesson_ids"]
        try:
            return [int(part) for part in raw.split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError("Lesson ids must be whole numbers.") from exc


class PathwayForm(forms.ModelForm):
    class Meta:
        model = Pathway
        fields = ["title", "slug", "summary", "rule", "required_count", "micro_credentials"]
        widgets = {"micro_credentials": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
