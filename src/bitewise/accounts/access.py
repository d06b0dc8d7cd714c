"""Who is asking: the signed-in user of a request, and the staff gates every app's staff
pages stand behind."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from bitewise.accounts.models import User

View = Callable[..., HttpResponse]


def request_user(request: HttpRequest) -> User:
    """The signed-in user, where a gate (``login_required``, ``staff_required``, the admin
    site, an API ``auth``) has already let only signed-in users through."""
    assert isinstance(request.user, User), "only behind a gate that lets signed-in users in"
    return request.user


def request_user_or_none(request: HttpRequest) -> User | None:
    """The signed-in user, or None for a visitor."""
    return request.user if isinstance(request.user, User) else None


def staff_required(view: View) -> View:
    """Visitors are sent to log in; signed-in non-staff get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied("Staff only")
        return view(request, *args, **kwargs)

    return wrapper


def admin_required(view: View) -> View:
    """Staff who are admins; other staff get 403."""

    @wraps(view)
    @staff_required
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_staff_admin", False):
            raise PermissionDenied("Only an admin can do this")
        return view(request, *args, **kwargs)

    return wrapper
