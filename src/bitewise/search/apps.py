from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "bitewise.search"
    label = "search"
