"""API tokens: a user lists, creates and revokes their own."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from bitewise.accounts.models import User
from bitewise.accounts.selectors import access_api_token, api_token_list_for_user
from bitewise.accounts.services import api_token_create, api_token_revoke
from bitewise.common.api import AUTH

router = Router(tags=["tokens"], auth=AUTH)


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=80)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    secret: str


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@router.get("/me/tokens", response=list[TokenOut])
def list_tokens(request: HttpRequest) -> Any:
    return api_token_list_for_user(user=_user(request))


@router.post("/me/tokens", response={201: NewTokenOut})
def create_token(request: HttpRequest, payload: TokenIn) -> Any:
    issued = api_token_create(user=_user(request), name=payload.name)
    return Status(201, {**TokenOut.from_orm(issued.token).dict(), "secret": issued.secret})


@router.delete("/me/tokens/{token_id}", response=TokenOut)
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    token = access_api_token(user=_user(request), token_id=token_id)
    return api_token_revoke(token=token)
