"""API tokens: a user lists and revokes their own; a session whose password was typed
recently creates them (a token never creates a token)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bitewise.accounts.access import request_user
from bitewise.accounts.api_auth import AUTH, Error, request_token
from bitewise.accounts.models import ApiToken
from bitewise.accounts.selectors import access_api_token, api_token_list_for_user
from bitewise.accounts.services import api_token_create, api_token_revoke
from bitewise.accounts.services.tokens import MAX_DAYS
from bitewise.accounts.sessions import session_password_is_recent

router = Router(tags=["tokens"], auth=AUTH)


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=80)
    scopes: list[Literal["read", "write", "staff"]] = Field(
        default=["read", "write"], min_length=1, max_length=3
    )
    days: int | None = Field(
        default=None, ge=1, le=MAX_DAYS, description="Lifetime; BITEWISE_TOKEN_DAYS if omitted"
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str

    @staticmethod
    def resolve_scopes(obj: ApiToken) -> list[str]:
        return obj.scope_list


class NewTokenOut(TokenOut):
    secret: str


@router.get("/me/tokens", response=list[TokenOut])
def list_tokens(request: HttpRequest) -> Any:
    return api_token_list_for_user(user=request_user(request))


@router.post("/me/tokens", response={201: NewTokenOut, 400: Error, 403: Error})
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    """Only from a browser session whose password was typed in the last
    BITEWISE_REAUTH_MINUTES; a request made with a token is refused (403)."""
    if request_token(request) is not None:
        raise HttpError(403, "A token cannot create tokens: create one on /accounts/tokens/.")
    if not session_password_is_recent(request):
        raise HttpError(
            403, "Type your password again (/accounts/confirm-password/) to create a token."
        )
    issued = api_token_create(
        user=request_user(request), name=payload.name, scopes=payload.scopes, days=payload.days
    )
    token = issued.token
    token.secret = issued.secret  # type: ignore[attr-defined]  # shown once, never stored
    return Status(201, token)


@router.delete("/me/tokens/{token_id}", response=TokenOut)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token = access_api_token(user=request_user(request), token_id=token_id)
    return api_token_revoke(token=token)
