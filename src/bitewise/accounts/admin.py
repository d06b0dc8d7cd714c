"""People, tokens, locks and the audit log in the Django admin (admins only). Changes go
through the accounts services; a token is never made or edited here, only revoked; clearing a
lock is an admin action written to the audit log; the audit log itself is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from bitewise.accounts.access import request_user
from bitewise.accounts.addresses import client_address
from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.accounts.forms import AdminLoginForm, ServicePasswordChangeForm
from bitewise.accounts.models import ApiToken, AuditEntry, Throttle, User
from bitewise.accounts.services import api_token_revoke, user_update
from bitewise.accounts.services.lockouts import throttles_clear, throttles_of_account
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin

# The admin's own log-in page is throttled and locked like ours.
admin.site.login_form = AdminLoginForm
# ... and a password changed there is set by the service (which revokes API tokens), after
# the current one is checked under the log-in throttle (the page is admin_password.py's).
admin.site.password_change_form = ServicePasswordChangeForm


@admin.register(User)
class UserAdmin(PersonalDataAdmin, ServiceAdmin):
    list_display = ["email", "display_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "display_name"]
    fields = ["email", "display_name", "role", "is_active", "is_superuser", "date_joined"]
    readonly_fields = ["date_joined"]
    actions = ["clear_locks"]

    @admin.action(description="Clear log-in and other locks of the selected people")
    def clear_locks(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        counters = [c for user in queryset for c in throttles_of_account(user)]
        cleared = throttles_clear(
            by=request_user(request), throttles=counters, address=client_address(request)
        )
        self.message_user(request, f"{cleared} lock(s) or counter(s) cleared.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # people sign up, or `bitewise createadmin`

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # awards and credentials name them; deactivate instead

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        data = form.cleaned_data
        user_update(
            user=User.objects.get(pk=obj.pk),
            by=request_user(request),
            email=data["email"],
            display_name=data["display_name"],
            role=data["role"],
            is_active=data["is_active"],
            is_superuser=data["is_superuser"],
        )


@admin.register(ApiToken)
class ApiTokenAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "scopes", "expires_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email", "name"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request_user(request).is_staff_admin

    @admin.action(description="Revoke selected tokens", permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token, reason="revoked by an admin")
        self.message_user(request, f"{len(queryset)} revoked.")


class LockedFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "locked"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        return [("yes", "Locked now")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Throttle]) -> QuerySet[Throttle]:
        if self.value() == "yes":
            return queryset.filter(locked_until__gt=timezone.now())
        return queryset


@admin.register(Throttle)
class ThrottleAdmin(PersonalDataAdmin, ReadOnlyAdmin):  # subjects are email addresses
    list_display = ["rule", "kind", "subject", "count", "window_ends_at", "locked_until"]
    list_filter = [LockedFilter, "rule", "kind"]
    search_fields = ["subject"]
    actions = ["clear"]

    @admin.action(description="Clear the selected locks and counts")
    def clear(self, request: HttpRequest, queryset: QuerySet[Throttle]) -> None:
        cleared = throttles_clear(
            by=request_user(request), throttles=list(queryset), address=client_address(request)
        )
        self.message_user(request, f"{cleared} lock(s) or counter(s) cleared.", messages.SUCCESS)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_email", "action", "target", "record", "address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "target", "record"]
    date_hierarchy = "at"
