"""Reads for accounts."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from bitewise.accounts.models import ApiToken, User


def api_token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def access_api_token(*, user: User, token_id: int) -> ApiToken:
    """The user's own token, or 404 for both "missing" and "not yours"."""
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise Http404("No such token")
    return token
