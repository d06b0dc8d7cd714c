"""The OAuth 2.0 records behind the Open Badges API, shown to admins and never edited here:
clients register themselves (``/oauth/register``) and tokens come from the learner's consent.
django-oauth-toolkit registers these classes itself (``OAUTH2_PROVIDER["…_ADMIN_CLASS"]``
in settings), read-only and recording each view of a learner's data in the audit log."""

from __future__ import annotations

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin


class ClientAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["name", "client_id", "authorization_grant_type", "created"]
    search_fields = ["name", "client_id"]
    exclude = ["client_secret"]


class AccessTokenAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["user", "application", "scope", "expires"]
    search_fields = ["user__email"]
    exclude = ["token", "token_checksum"]
    list_select_related = ["user", "application"]


class RefreshTokenAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["user", "application", "created", "revoked"]
    search_fields = ["user__email"]
    exclude = ["token", "token_family"]
    list_select_related = ["user", "application"]


class GrantAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["user", "application", "expires"]
    exclude = ["code", "code_challenge", "nonce"]
    list_select_related = ["user", "application"]


class IDTokenAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["user", "application", "expires"]
    list_select_related = ["user", "application"]
