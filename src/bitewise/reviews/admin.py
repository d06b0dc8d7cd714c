from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.reviews.models import ReviewCard, ReviewLog, ReviewPreferences


@admin.register(ReviewCard)
class ReviewCardAdmin(PersonalDataAdmin):
    list_display = ["learner", "question", "due_at", "stability", "reps", "lapses"]
    raw_id_fields = ["learner", "question"]
    readonly_fields = ["stability", "difficulty", "reps", "lapses", "last_review_at"]


@admin.register(ReviewLog)
class ReviewLogAdmin(PersonalDataAdmin):
    list_display = ["learner", "card", "rating", "is_correct", "response_ms", "reviewed_at"]
    raw_id_fields = ["learner", "card"]


@admin.register(ReviewPreferences)
class ReviewPreferencesAdmin(PersonalDataAdmin):
    list_display = ["learner", "hold_from", "hold_to", "is_digest_wanted", "digest_next_at"]
    raw_id_fields = ["learner"]
