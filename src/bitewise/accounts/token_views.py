"""API tokens on the web: listed with scopes and expiry; created only by a session whose
password was typed in the last BITEWISE_REAUTH_MINUTES."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bitewise.accounts.access import request_user
from bitewise.accounts.forms import TokenForm
from bitewise.accounts.selectors import access_api_token, api_token_list_for_user
from bitewise.accounts.services import TokenError, api_token_create, api_token_revoke
from bitewise.accounts.sessions import session_password_is_recent


def _confirm_first() -> HttpResponse:
    query = urlencode({"next": reverse("accounts:tokens")})
    return redirect(f"{reverse('accounts:confirm_password')}?{query}")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    recent = session_password_is_recent(request)
    form = TokenForm(request.POST or None, user=user)
    secret = None
    status = 200
    if request.method == "POST":
        if not recent:
            messages.info(request, "Type your password again to create a token.")
            return _confirm_first()
        if form.is_valid():
            try:
                issued = api_token_create(
                    user=user,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    days=form.cleaned_data["days"],
                )
            except TokenError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                secret = issued.secret
                form = TokenForm(user=user)
        else:
            status = 400
    context = {
        "form": form,
        "secret": secret,
        "recent": recent,
        "tokens": api_token_list_for_user(user=user),
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(user=request_user(request), token_id=token_id)
    api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:tokens")
