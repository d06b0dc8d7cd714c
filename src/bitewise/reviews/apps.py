from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "bitewise.reviews"
    label = "reviews"
