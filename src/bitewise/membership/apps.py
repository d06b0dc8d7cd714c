from django.apps import AppConfig


class MembershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bitewise.membership"
    verbose_name = "Membership and payments"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from bitewise.membership.services.sign_in import on_logged_in

        user_logged_in.connect(on_logged_in, dispatch_uid="membership_from_sign_in")
