"""API plumbing shared by every router: authentication and error shapes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.security import APIKeyCookie, HttpBearer

from bitewise.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer bw_…`` with a per-user token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session cookie; ninja enforces CSRF for it."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            return request.user
        return None


AUTH = [TokenAuth(), SessionAuth()]


class Error(Schema):
    detail: str
