"""People and tokens in the Django admin (admins only). Changes go through the accounts
services; a token is never made or edited here, only revoked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from bitewise.accounts.models import ApiToken, User
from bitewise.accounts.services import api_token_revoke, user_update
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@admin.register(User)
class UserAdmin(ServiceAdmin):
    list_display = ["email", "display_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "display_name"]
    fields = ["email", "display_name", "role", "is_active", "is_superuser", "date_joined"]
    readonly_fields = ["date_joined"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people sign up, or `bitewise createadmin`

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # awards and credentials name them; deactivate instead

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        data = form.cleaned_data
        user_update(
            user=User.objects.get(pk=obj.pk),
            by=_user(request),
            email=data["email"],
            display_name=data["display_name"],
            role=data["role"],
            is_active=data["is_active"],
            is_superuser=data["is_superuser"],
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "name"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return _user(request).is_staff_admin

    @admin.action(description="Revoke selected tokens", permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token)
        self.message_user(request, f"{len(queryset)} revoked.")
