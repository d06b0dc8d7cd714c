from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin
from bitewise.sso.models import SsoLink


@admin.register(SsoLink)
class SsoLinkAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    """Links are made by signing in; the staff page /staff/sso/ shows them with the
    provider's mapping applied."""

    list_display = ("user", "provider", "subject", "email", "last_sign_in_at")
    list_filter = ("provider",)
    search_fields = ("user__email", "subject", "email")
