from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "bitewise.insight"
    label = "insight"
    verbose_name = "Insight"
