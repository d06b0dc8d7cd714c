from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "bitewise.credentials"
    label = "credentials"
