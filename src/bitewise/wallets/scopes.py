"""A client may be granted only the scopes it registered (OB 3.0 section 6.2.2)."""

from __future__ import annotations

from typing import Any

from oauth2_provider.scopes import SettingsScopes

from bitewise.wallets.models import RegisteredClient


class RegisteredScopes(SettingsScopes):  # type: ignore[misc]
    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        scopes: list[str] = super().get_available_scopes(application, request, *args, **kwargs)
        registration = RegisteredClient.objects.filter(application=application).first()
        if registration is None:
            return scopes
        registered = set(registration.scope.split())
        return [scope for scope in scopes if scope in registered]

    def get_default_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        available = set(self.get_available_scopes(application, request))
        defaults: list[str] = super().get_default_scopes(application, request, *args, **kwargs)
        return [scope for scope in defaults if scope in available]
