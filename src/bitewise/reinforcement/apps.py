from django.apps import AppConfig


class ReinforcementConfig(AppConfig):
    name = "bitewise.reinforcement"
    label = "reinforcement"
