"""Forms of the staff credential pages: input parsing only; services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from bitewise.common.email_csv import MAX_BYTES, MAX_ROWS
from bitewise.common.uploads import text_upload_check
from bitewise.credentials.models import Issuer
from bitewise.credentials.staff_selectors import achievement_choices, achievement_from_choice
from bitewise.engines.text.sizes import describe_bytes


class CredentialFilterForm(forms.Form):
    q = forms.CharField(label="Learner email or title", required=False)
    issuer = forms.ModelChoiceField(
        Issuer.objects.order_by("name"), to_field_name="slug", required=False, empty_label="Any"
    )
    revoked = forms.TypedChoiceField(
        choices=[("", "Any"), ("no", "Valid only"), ("yes", "Revoked only")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        label="Revoked",
    )
    needs_review = forms.BooleanField(required=False, label="Needs review")


class AchievementForm(forms.Form):
    achievement = forms.ChoiceField(label="Micro-credential or pathway")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["achievement"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose…"), *achievement_choices()]

    def clean_achievement(self) -> object:
        achievement = achievement_from_choice(self.cleaned_data["achievement"])
        if achievement is None:
            raise forms.ValidationError("Choose a published micro-credential or pathway.")
        return achievement


class AwardForm(AchievementForm):
    # A plain text field: the service validates (and names) a bad address.
    email = forms.CharField(label="Learner's email address", max_length=254)

    field_order = ["email", "achievement"]


class BulkUploadForm(AchievementForm):
    file = forms.FileField(
        label="CSV file of email addresses",
        help_text=(
            f"One address per row, in a column headed “email” or in the first column; at most "
            f"{MAX_ROWS:,} rows and {describe_bytes(MAX_BYTES)}."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        text_upload_check(
            upload, what="list of email addresses", export_as="CSV", max_bytes=MAX_BYTES
        )
        return upload


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Reason for revoking",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on the credential's public page.",
    )


class ReinstateForm(forms.Form):
    reason = forms.CharField(
        label="Reason for reinstating",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the credential's history.",
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("keep", "Keep it valid"), ("revoke", "Revoke it")],
        widget=forms.RadioSelect,
        label="Decision",
    )
    reason = forms.CharField(
        label="Note (required to revoke)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
