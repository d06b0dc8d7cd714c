from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bitewise.demo"
    label = "demo"
