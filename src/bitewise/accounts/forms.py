from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from bitewise.accounts.models import User


class SignupForm(forms.Form):
    email = forms.EmailField(max_length=254)
    display_name = forms.CharField(
        label="Name shown on your badges", max_length=120, required=False
    )
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Log in instead."
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("email"):
            candidate = User(email=data["email"], display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class TokenForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="What will use this token, e.g. 'LMS sync'.")
