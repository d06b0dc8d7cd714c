"""Authentication backends: passwords (while password login is on) and sign-ins proven
elsewhere (an emailed sign-up link, an LTI launch, single sign-on)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from bitewise.accounts.models import User

# What a view names when it logs in someone whose identity it has proven without a password.
PROVEN_ELSEWHERE = "bitewise.accounts.backends.ProvenElsewhereBackend"


class PasswordBackend(ModelBackend):
    """Django's email-and-password check, refused outright while
    ``BITEWISE_PASSWORD_LOGIN`` is off (the log-in page and the admin's alike)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not settings.BITEWISE_PASSWORD_LOGIN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ProvenElsewhereBackend(ModelBackend):
    """Checks no credentials itself: it only keeps sessions started by ``login(...,
    backend=PROVEN_ELSEWHERE)`` after another proof of identity."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        return None
