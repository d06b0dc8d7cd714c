from bitewise.reviews.models.cards import ReviewCard, ReviewLog, ReviewRating
from bitewise.reviews.models.preferences import ReviewPreferences

__all__ = ["ReviewCard", "ReviewLog", "ReviewPreferences", "ReviewRating"]
