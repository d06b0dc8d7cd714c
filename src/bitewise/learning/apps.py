from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "bitewise.learning"
    label = "learning"
