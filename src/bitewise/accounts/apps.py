from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bitewise.accounts"
    label = "accounts"
