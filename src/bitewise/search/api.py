"""The search API router (mounted in bitewise/api.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from bitewise.accounts.api_auth import AUTH
from bitewise.accounts.models import User
from bitewise.search.selectors import search

router = Router(tags=["search"])


def _anyone(request: HttpRequest) -> bool:
    """Search is public; a token or session only widens it (staff also find drafts)."""
    return True


class SearchParams(Schema):
    q: str = ""
    kind: str = ""
    limit: int = 10


class SearchHitOut(Schema):
    kind: str
    title: str
    snippet: str
    url: str
    start_seconds: int | None
    score: float


@router.get("/search", response=list[SearchHitOut], auth=[*AUTH, _anyone])
def search_api(request: HttpRequest, params: Query[SearchParams]) -> Any:
    """Lessons, quiz explanations and recording passages for `q`, best first. `kind` is
    `lesson`, `explanation` or `passage`; `limit` at most 50."""
    if params.kind not in ("", "lesson", "explanation", "passage"):
        from django.core.exceptions import ValidationError

        raise ValidationError("kind must be lesson, explanation or passage")
    user = request.user if isinstance(request.user, User) else None
    return search(query=params.q, user=user, kind=params.kind, limit=params.limit)
