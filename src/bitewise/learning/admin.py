from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.learning.models import Attempt, Award, Enrollment


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


@admin.register(Attempt)
class AttemptAdmin(PersonalDataAdmin):
    """Read-only: attempts change only through the learner's own assessment pages and API."""

    list_display = ["learner", "micro_credential", "number", "started_at", "submitted_at", "score"]
    list_filter = ["feedback_mode"]
    search_fields = ["learner__email", "micro_credential__title"]
    readonly_fields = [
        "learner",
        "micro_credential",
        "number",
        "question_ids",
        "choice_order",
        "feedback_mode",
        "pass_percent",
        "started_at",
        "submitted_at",
        "question_count",
        "correct_count",
        "score",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
