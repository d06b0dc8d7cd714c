from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "bitewise.common"
    label = "common"
