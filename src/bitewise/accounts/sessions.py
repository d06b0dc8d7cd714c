"""When this session last proved its password: creating a token needs it to be recent."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

PASSWORD_AT = "bitewise_password_at"


def session_password_typed(request: HttpRequest) -> None:
    request.session[PASSWORD_AT] = timezone.now().timestamp()


def session_password_is_recent(request: HttpRequest) -> bool:
    typed_at = request.session.get(PASSWORD_AT)
    if not isinstance(typed_at, int | float):
        return False
    age = timezone.now().timestamp() - typed_at
    return 0 <= age <= timedelta(minutes=settings.BITEWISE_REAUTH_MINUTES).total_seconds()
