from django.apps import AppConfig


class MembershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bitewise.membership"
    verbose_name = "Membership and payments"
