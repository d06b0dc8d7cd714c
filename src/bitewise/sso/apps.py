from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "bitewise.sso"
    label = "sso"
    verbose_name = "Single sign-on (OpenID Connect, SAML 2.0)"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from bitewise.sso.memberships import on_logged_in

        user_logged_in.connect(on_logged_in, dispatch_uid="membership_from_sign_in")
