"""Password login can be switched off (``BITEWISE_PASSWORD_LOGIN=false``) where everyone
signs in through the association's identity provider: then signing up with a password and
resetting one are refused too, with a page that says why."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

OFF_MESSAGE = (
    "Password sign-in is switched off on this site: sign in with your association's account."
)


def password_login_off_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_login_off.html", {"message": OFF_MESSAGE}, status=403)


def password_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse the view (403 and the reason) while password login is off."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.BITEWISE_PASSWORD_LOGIN:
            return password_login_off_page(request)
        return view(request, *args, **kwargs)

    return wrapper


def password_login(request: HttpRequest) -> dict[str, bool]:
    """Context processor: templates hide "Sign up" and the password form while it is off."""
    return {"password_login": settings.BITEWISE_PASSWORD_LOGIN}
