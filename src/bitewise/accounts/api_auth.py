"""API plumbing shared by every router: authentication, scopes and error shapes.

Every authenticated route takes ``auth=AUTH`` (learner routes) or ``auth=STAFF_AUTH``
(staff routes). A bearer token needs the ``read`` scope for GET, HEAD and OPTIONS and the
``write`` scope for every other method; staff routes also need the ``staff`` scope and a
staff account, and a token without that scope has a learner's rights on every route. A
browser session acts with the user's own rights.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from bitewise.accounts.addresses import client_address
from bitewise.accounts.limits import api_token_rule
from bitewise.accounts.models import ApiToken, Scope, User
from bitewise.accounts.services import TokenRejected, api_token_authenticate
from bitewise.accounts.throttle import throttle_check, throttle_count

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SCOPE_RULES = (
    "GET, HEAD and OPTIONS need the `read` scope; POST, PUT, PATCH and DELETE need `write`. "
    "An expired, revoked or unknown token is a 401 that says which; a missing scope is a 403. "
    "Too many invalid tokens from one address are refused with 429 and Retry-After. "
    "Tokens are created on /accounts/tokens/ after typing the password, never with a token."
)


def required_scopes(request: HttpRequest, *, staff: bool) -> list[str]:
    needed = [Scope.READ.value if request.method in READ_METHODS else Scope.WRITE.value]
    return [*needed, Scope.STAFF.value] if staff else needed


def _authenticate(request: HttpRequest, secret: str, *, staff: bool) -> User:
    try:
        token = api_token_authenticate(secret=secret)
    except TokenRejected as exc:
        # Only tokens that fail are throttled: a usable token was not guessed.
        address = client_address(request)
        throttle_check(api_token_rule(), address=address)
        throttle_count(api_token_rule(), address=address)
        raise HttpError(401, str(exc)) from exc
    missing = [
        scope for scope in required_scopes(request, staff=staff) if not token.has_scope(scope)
    ]
    if missing:
        raise HttpError(403, f"This token lacks the `{missing[0]}` scope this request needs.")
    if staff and not token.user.is_staff:
        raise HttpError(403, "Staff only.")
    # Without the staff scope a token never uses staff rights (drafts, members-only content
    # open to staff): it acts for the person as a learner.
    token.user.acts_as_learner = not token.has_scope(Scope.STAFF.value)
    request.user = token.user
    request.api_token = token  # type: ignore[attr-defined]
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer bw_…`` with a personal token."""

    openapi_description = "A personal API token (`bw_…`). " + SCOPE_RULES

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _authenticate(request, token, staff=False)


class StaffTokenAuth(HttpBearer):
    """A personal token with the ``staff`` scope, of a staff account."""

    openapi_description = (
        "A personal API token with the `staff` scope (besides `read`/`write` by method), "
        "held by a staff account."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return _authenticate(request, token, staff=True)


class SessionAuth(APIKeyCookie):
    """The browser's session cookie; ninja enforces CSRF for it."""

    param_name = "sessionid"
    openapi_description = "The browser session of a logged-in user (send the CSRF token)."

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            return request.user
        return None


class StaffSessionAuth(SessionAuth):
    openapi_description = "The browser session of a logged-in staff member (send the CSRF token)."

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and not user.is_staff:
            raise HttpError(403, "Staff only.")
        return user


AUTH = [TokenAuth(), SessionAuth()]
STAFF_AUTH = [StaffTokenAuth(), StaffSessionAuth()]


def request_token(request: HttpRequest) -> ApiToken | None:
    """The token this request authenticated with; None for a browser session."""
    token = getattr(request, "api_token", None)
    return token if isinstance(token, ApiToken) else None


class Error(Schema):
    detail: str
