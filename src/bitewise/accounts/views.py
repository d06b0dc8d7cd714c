"""Sign-up and API tokens; log-in and password reset are Django's own views."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitewise.accounts.forms import SignupForm, TokenForm
from bitewise.accounts.models import User
from bitewise.accounts.selectors import access_api_token, api_token_list_for_user
from bitewise.accounts.services import (
    TokenLimitError,
    api_token_create,
    api_token_revoke,
    user_create,
)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("catalog:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
            display_name=form.cleaned_data["display_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Bitewise. Pick something to learn.")
        return redirect("catalog:list")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = TokenForm(request.POST or None)
    secret = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = api_token_create(user=request.user, name=form.cleaned_data["name"])
                secret = issued.secret
                form = TokenForm()
            except TokenLimitError as exc:
                form.add_error(None, str(exc))
                status = 400
        else:
            status = 400
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "secret": secret, "tokens": api_token_list_for_user(user=request.user)},
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    token = access_api_token(user=request.user, token_id=token_id)
    api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:tokens")
