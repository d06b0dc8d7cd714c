from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.learning.models import Award, Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(PersonalDataAdmin):
    list_display = ["learner", "micro_credential", "is_active", "subscribed_at", "dropped_at"]
    list_filter = ["is_active"]
    search_fields = ["learner__email"]
    raw_id_fields = ["learner", "micro_credential"]


@admin.register(Award)
class AwardAdmin(PersonalDataAdmin):
    list_display = ["learner", "micro_credential", "pathway", "score", "awarded_at"]
    search_fields = ["learner__email"]
    readonly_fields = [
        "learner",
        "micro_credential",
        "micro_credential_version",
        "pathway",
        "snapshot",
        "score",
        "awarded_at",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False
