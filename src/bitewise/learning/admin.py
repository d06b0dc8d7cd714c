"""Subscriptions and awards are the learner's own record, changed only through the learning
services (subscribe, unsubscribe, earn) and, for awards, revoked on the staff credential
pages: read-only here."""

from __future__ import annotations

from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin
from bitewise.learning.models import Attempt, Award, Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "micro_credential", "is_active", "subscribed_at", "dropped_at"]
    list_filter = ["is_active"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "micro_credential"]


@admin.register(Award)
class AwardAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "micro_credential", "pathway", "score", "awarded_at"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "micro_credential", "pathway"]


@admin.register(Attempt)
class AttemptAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    """Attempts change only through the learner's own assessment pages and API."""

    list_display = ["learner", "micro_credential", "number", "started_at", "submitted_at", "score"]
    list_filter = ["feedback_mode"]
    search_fields = ["learner__email", "micro_credential__title"]
    list_select_related = ["learner", "micro_credential"]
