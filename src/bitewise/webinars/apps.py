from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "bitewise.webinars"
    label = "webinars"
    verbose_name = "Micro-webinars and CE credit"
