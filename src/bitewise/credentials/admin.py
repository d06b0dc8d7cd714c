"""Django admin: issuers and their staff, saved through issuer_save; everything issued is
read-only here. Revoking and reviewing happen on the staff pages, through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.accounts.models import User
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin
from bitewise.credentials.models import (
    BulkAward,
    IssuedCredential,
    Issuer,
    RsaSigningKey,
    SigningKey,
)
from bitewise.credentials.services.issuers import issuer_save
from bitewise.credentials.services.rsa_keys import rsa_key_rotate, rsa_key_withdraw
from bitewise.credentials.staff_selectors import bulk_awards_visible_to, credentials_visible_to


@admin.register(Issuer)
class IssuerAdmin(ServiceAdmin):
    list_display = ["name", "slug", "is_default", "email"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff", "micro_credentials", "pathways"]
    readonly_fields = ["did", "created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fixed = ["slug", "is_default"] if obj and obj.keys.exists() else []
        return [*self.readonly_fields, *fixed]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> dict[str, Any]:
        return {} if obj and obj.keys.exists() else dict(self.prepopulated_fields)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # keys and credentials hang off it

    def save_model(self, request: HttpRequest, obj: Issuer, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)
        data = form.cleaned_data
        issuer_save(
            issuer=obj,
            by=request.user,
            staff_ids=[u.pk for u in data["staff"]],
            micro_credential_ids=[m.pk for m in data["micro_credentials"]],
            pathway_ids=[p.pk for p in data["pathways"]],
        )


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "public_key_multibase", "created_at", "retired_at"]
    list_filter = ["issuer"]
    # The encrypted seed is never shown, even encrypted.
    fields = readonly_fields = (
        "issuer",
        "public_key_multibase",
        "verification_method",
        "created_at",
        "retired_at",
    )


def _is_admin(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_staff_admin", False))


@admin.register(RsaSigningKey)
class RsaSigningKeyAdmin(ReadOnlyAdmin):
    """Every RS256 key: the issuers' VC-JWT keys and the LTI tool's keys (admins only). The
    private key is never shown, even encrypted."""

    list_display = ["thumbprint", "purpose", "issuer", "created_at", "retired_at", "withdrawn_at"]
    list_filter = ["purpose", "issuer"]
    fields = readonly_fields = (
        "purpose",
        "issuer",
        "thumbprint",
        "public_jwk",
        "created_at",
        "retired_at",
        "withdrawn_at",
    )
    actions = ["new_lti_tool_key", "withdraw_lti_tool_keys"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_admin(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _is_admin(request)

    @admin.action(description="Make a new LTI tool key (the older ones stay published)")
    def new_lti_tool_key(self, request: HttpRequest, queryset: QuerySet[RsaSigningKey]) -> None:
        if _is_admin(request):
            key = rsa_key_rotate(purpose=RsaSigningKey.Purpose.LTI_TOOL)
            self.message_user(request, f"New LTI tool key {key.thumbprint}.")

    @admin.action(description="Withdraw: stop publishing the selected LTI tool keys")
    def withdraw_lti_tool_keys(
        self, request: HttpRequest, queryset: QuerySet[RsaSigningKey]
    ) -> None:
        if not _is_admin(request):
            return
        try:
            for key in queryset:
                rsa_key_withdraw(key=key)
        except ValidationError as refused:
            self.message_user(request, refused.messages[0], level="error")
            return
        self.message_user(request, f"{queryset.count()} key(s) withdrawn.")


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["title", "learner", "issuer", "issued_at", "revoked_at", "needs_review"]
    list_filter = ["issuer", "needs_review", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["learner__email", "title"]
    list_select_related = ["learner", "issuer"]
    exclude = ["document"]
    readonly_fields = ["manage"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[IssuedCredential]:
        assert isinstance(request.user, User)
        everything = super().get_queryset(request)
        if request.user.is_staff_admin:
            return everything
        return everything.filter(pk__in=credentials_visible_to(request.user).values("pk"))

    @admin.display(description="Revoke or review")
    def manage(self, obj: IssuedCredential) -> str:
        url = reverse("credentials_staff:detail", kwargs={"credential_id": obj.pk})
        return format_html('<a href="{}">Open on the staff credential page</a>', url)


@admin.register(BulkAward)
class BulkAwardAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["pk", "filename", "micro_credential", "pathway", "status", "processed", "total"]
    list_filter = ["status"]
    exclude = ["source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[BulkAward]:
        assert isinstance(request.user, User)
        everything = super().get_queryset(request)
        if request.user.is_staff_admin:
            return everything
        return everything.filter(pk__in=bulk_awards_visible_to(request.user).values("pk"))
