from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "bitewise.sso"
    label = "sso"
    verbose_name = "Single sign-on (OpenID Connect, SAML 2.0)"
