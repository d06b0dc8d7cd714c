"""Log-in, sign-up, password reset, unlock links and API tokens."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from bitewise.accounts.access import request_user
from bitewise.accounts.addresses import client_address
from bitewise.accounts.forms import (
    ConfirmPasswordForm,
    LoginForm,
    ResetRequestForm,
    ResetSetPasswordForm,
)
from bitewise.accounts.limits import password_reset_rule
from bitewise.accounts.password_switch import password_login_off_page
from bitewise.accounts.services.lockouts import login_unlock_by_link
from bitewise.accounts.sessions import session_password_typed
from bitewise.accounts.throttle import throttle_hit


class LoginView(auth_views.LoginView):
    """The password form while password login is on; the identity providers' buttons
    (the sso app's template tag) either way."""

    form_class = LoginForm

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.BITEWISE_PASSWORD_LOGIN:
            return password_login_off_page(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        session_password_typed(self.request)
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        throttled = getattr(form, "throttled", None)
        if throttled is not None:
            response.status_code = 429
            response["Retry-After"] = str(throttled.retry_after)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Reset links are built from BITEWISE_SITE_URL: the Host header is the client's to
    write, and a forged one would mail the victim a link to the forger's site."""

    email_template_name = "registration/password_reset_email.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = str(form.cleaned_data["email"]).strip().lower()
        throttle_hit(password_reset_rule(), address=client_address(self.request), account=email)
        site_url = settings.SITE_URL.rstrip("/")
        self.domain_override = site_url.split("://", 1)[-1].split("/", 1)[0]
        self.extra_email_context = {"site_url": site_url}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default


@login_required
def confirm_password(request: HttpRequest) -> HttpResponse:
    """Type the password again; then back to where it was asked for."""
    user = request_user(request)
    form = ConfirmPasswordForm(request.POST or None, request=request, user=user)
    next_url = _safe_next(request, reverse("accounts:tokens"))
    if request.method == "POST" and form.is_valid():
        session_password_typed(request)
        return redirect(next_url)
    status = 200
    if request.method == "POST":
        status = 429 if form.throttled is not None else 400
    response = render(
        request,
        "accounts/confirm_password.html",
        {"form": form, "next": next_url},
        status=status,
    )
    if form.throttled is not None:
        response["Retry-After"] = str(form.throttled.retry_after)
    return response


def unlock(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link mailed when log-in to an account was locked."""
    if request.method != "POST":
        return render(request, "accounts/unlock.html", {})
    if login_unlock_by_link(token=token, address=client_address(request)):
        messages.success(request, "Your account is unlocked. Log in.")
        return redirect("accounts:login")
    context: dict[str, Any] = {
        "error": "This unlock link has already been used or is no longer needed."
    }
    return render(request, "accounts/unlock.html", context, status=400)
