from django.apps import AppConfig


class WalletsConfig(AppConfig):
    name = "bitewise.wallets"
    label = "wallets"
    verbose_name = "Wallets and backpacks"
    default_auto_field = "django.db.models.BigAutoField"
