"""Admin: LTI platform registrations (admins only); the outboxes, read-only. The LTI tool's
keys are RSA signing keys, in the credentials admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin
from bitewise.integrations.models import LearningRecord, LtiPlatform, LtiScore
from bitewise.integrations.services.lti_platforms import lti_platform_save


def _is_admin(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_staff_admin", False))


class AdminsOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_admin(request)


class LtiPlatformForm(forms.ModelForm):
    deployment_ids = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One deployment id per line, as the platform shows them.",
    )

    class Meta:
        model = LtiPlatform
        fields = [
            "name",
            "issuer",
            "client_id",
            "deployment_ids",
            "auth_login_url",
            "auth_token_url",
            "keyset_url",
            "asserts_verified_emails",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["deployment_ids"] = "\n".join(self.instance.deployment_ids)

    def clean_deployment_ids(self) -> list[str]:
        return [line for line in self.cleaned_data["deployment_ids"].splitlines()]


@admin.register(LtiPlatform)
class LtiPlatformAdmin(AdminsOnly, ServiceAdmin):
    form = LtiPlatformForm
    list_display = ["name", "issuer", "client_id", "asserts_verified_emails", "is_active"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_admin(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # deactivate instead: its accounts and scores stay linked

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        lti_platform_save(platform=obj, by=request.user)  # type: ignore[arg-type]


@admin.register(LearningRecord)
class LearningRecordAdmin(AdminsOnly, PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["statement_id", "verb", "state", "attempts", "retry_at", "sent_at", "error"]
    list_filter = ["state"]


@admin.register(LtiScore)
class LtiScoreAdmin(AdminsOnly, ReadOnlyAdmin):
    list_display = ["key", "score_given", "score_maximum", "state", "attempts", "error"]
    list_filter = ["state"]
