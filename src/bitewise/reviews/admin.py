"""Review cards, logs and preferences are each learner's own, written only by the reviews
services (answering, the hold form): read-only here."""

from __future__ import annotations

from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin
from bitewise.reviews.models import ReviewCard, ReviewLog, ReviewPreferences


@admin.register(ReviewCard)
class ReviewCardAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "question", "due_at", "stability", "reps", "lapses"]
    list_select_related = ["learner", "question"]


@admin.register(ReviewLog)
class ReviewLogAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "card", "rating", "is_correct", "response_ms", "reviewed_at"]
    list_select_related = ["learner"]


@admin.register(ReviewPreferences)
class ReviewPreferencesAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "hold_from", "hold_to", "is_digest_wanted", "digest_next_at"]
    list_select_related = ["learner"]
