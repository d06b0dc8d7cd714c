"""Django admin for people, tokens, locks and the audit log. Clearing a lock is an admin
action written to the audit log; the audit log itself is read-only."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from bitewise.accounts.addresses import client_address
from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.accounts.forms import AdminLoginForm
from bitewise.accounts.models import ApiToken, AuditEntry, Throttle, User
from bitewise.accounts.services.lockouts import throttles_clear, throttles_of_account

# The admin's own log-in page is throttled and locked like ours.
admin.site.login_form = AdminLoginForm


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@admin.register(User)
class UserAdmin(PersonalDataAdmin):
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
            by=_acting(request), throttles=counters, address=client_address(request)
        )
        self.message_user(request, f"{cleared} lock(s) or counter(s) cleared.", messages.SUCCESS)


@admin.register(ApiToken)
class ApiTokenAdmin(PersonalDataAdmin):
    list_display = ["name", "user", "prefix", "scopes", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = [
        "user",
        "prefix",
        "key_hash",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_reason",
    ]
    search_fields = ["user__email", "name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are made by their owner, who alone sees the secret


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
class ThrottleAdmin(PersonalDataAdmin):  # subjects are email addresses
    list_display = ["rule", "kind", "subject", "count", "window_ends_at", "locked_until"]
    list_filter = [LockedFilter, "rule", "kind"]
    search_fields = ["subject"]
    actions = ["clear"]
    fields = readonly_fields = (
        "rule",
        "kind",
        "subject",
        "count",
        "window_ends_at",
        "locked_until",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # clearing goes through the audited action

    @admin.action(description="Clear the selected locks and counts")
    def clear(self, request: HttpRequest, queryset: QuerySet[Throttle]) -> None:
        cleared = throttles_clear(
            by=_acting(request), throttles=list(queryset), address=client_address(request)
        )
        self.message_user(request, f"{cleared} lock(s) or counter(s) cleared.", messages.SUCCESS)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor_email", "action", "target", "record", "address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "target", "record"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
