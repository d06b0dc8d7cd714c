from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "bitewise.catalog"
    label = "catalog"
