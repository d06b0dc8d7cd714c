from django.apps import AppConfig


class RepurposingConfig(AppConfig):
    name = "bitewise.repurposing"
    label = "repurposing"
    verbose_name = "Repurposing recordings into micro-lessons"
