"""Subscriptions and awards are the learner's own record, changed only through the learning
services (subscribe, unsubscribe, earn) and, for awards, revoked on the staff credential
pages: read-only here."""

from __future__ import annotations

from django.contrib import admin

from bitewise.common.admin import ReadOnlyAdmin
from bitewise.learning.models import Award, Enrollment


@admin.register(Enrollment)
class EnrollmentAdmin(ReadOnlyAdmin):
    list_display = ["learner", "micro_credential", "is_active", "subscribed_at", "dropped_at"]
    list_filter = ["is_active"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "micro_credential"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["learner", "micro_credential", "pathway", "score", "awarded_at"]
    search_fields = ["learner__email"]
    list_select_related = ["learner", "micro_credential", "pathway"]
