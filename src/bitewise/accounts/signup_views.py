"""Sign-up: the same page and one email whether or not the address has an account; the
account is made when the emailed link is followed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bitewise.accounts.addresses import client_address
from bitewise.accounts.backends import PROVEN_ELSEWHERE
from bitewise.accounts.forms import SignupForm
from bitewise.accounts.limits import signup_rule
from bitewise.accounts.services.signups import (
    SignupError,
    access_signup_request,
    signup_confirm,
    signup_request,
)
from bitewise.accounts.sessions import session_password_typed
from bitewise.accounts.throttle import throttle_hit

BACKEND = PROVEN_ELSEWHERE


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("catalog:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        throttle_hit(signup_rule(), address=client_address(request), account=email)
        signup_request(
            email=email,
            password=form.cleaned_data["password"],
            display_name=form.cleaned_data["display_name"],
        )
        request.session["signup_email"] = email
        return redirect("accounts:signup_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def signup_sent(request: HttpRequest) -> HttpResponse:
    email = request.session.get("signup_email", "")
    return render(request, "accounts/signup_sent.html", {"email": email})


def signup_finish(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links; only a person presses it); POST
    makes the account and logs in."""
    try:
        if request.method != "POST":
            pending = access_signup_request(token=token)
            return render(request, "accounts/signup_confirm.html", {"email": pending.email})
        user = signup_confirm(token=token)
    except SignupError as exc:
        return render(request, "accounts/signup_confirm.html", {"error": str(exc)}, status=400)
    login(request, user, backend=BACKEND)
    session_password_typed(request)
    messages.success(request, "Welcome to Bitewise. Pick something to learn.")
    return redirect("catalog:list")
