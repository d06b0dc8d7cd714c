"""API tokens: created from a recently authenticated session, scoped, expiring, revoked
with their reason; authenticated by the SHA-256 of the secret."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import ApiToken, Scope, User

TOKEN_PREFIX = "bw_"
MAX_ACTIVE_TOKENS = 20
MAX_DAYS = 365
DEFAULT_SCOPES = (Scope.READ.value, Scope.WRITE.value)


class TokenError(Exception):
    """A token request the rules refuse; the message is shown (400)."""


class TokenLimitError(TokenError):
    pass


class TokenRejected(Exception):
    """A bearer token that cannot be used; the message says why (401)."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _scopes_for(user: User, scopes: Collection[str]) -> str:
    chosen = [scope for scope in Scope.values if scope in set(scopes)]
    unknown = set(scopes) - set(Scope.values)
    if unknown or not chosen:
        raise TokenError(f"Choose scopes among {', '.join(Scope.values)}.")
    if Scope.STAFF in chosen and not user.is_staff:
        raise TokenError("Only staff accounts can have tokens with the staff scope.")
    return " ".join(chosen)


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scopes: Collection[str] = DEFAULT_SCOPES,
    days: int | None = None,
) -> IssuedToken:
    """A new token for ``user``, valid ``days`` (BITEWISE_TOKEN_DAYS by default). Callers
    make sure the request comes from a session whose password was typed recently; a token
    never creates a token."""
    days = settings.BITEWISE_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(f"A token lasts from 1 to {MAX_DAYS} days.")
    scope_text = _scopes_for(user, scopes)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one creation at a time
    now = timezone.now()
    active = ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=now).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenLimitError(f"at most {MAX_ACTIVE_TOKENS} active tokens; revoke one first")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:80] or "token",
        prefix=secret[:10],
        key_hash=hash_token(secret),
        scopes=scope_text,
        expires_at=now + timedelta(days=days),
    )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, token: ApiToken, reason: str = "revoked by its owner") -> ApiToken:
    ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(
        revoked_at=timezone.now(), revoked_reason=reason[:80]
    )
    token.refresh_from_db(fields=["revoked_at", "revoked_reason"])
    return token


def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every token of ``user`` still open (a password change, a reset)."""
    return ApiToken.objects.filter(user=user, revoked_at=None).update(
        revoked_at=timezone.now(), revoked_reason=reason[:80]
    )


def api_token_authenticate(*, secret: str) -> ApiToken:
    """The usable token with this secret, its user loaded; TokenRejected says why not."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        raise TokenRejected("Invalid API token.")
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(secret)).first()
    if token is None or not token.user.is_active:
        raise TokenRejected("Invalid API token.")
    if token.revoked_at is not None:
        raise TokenRejected(
            f"This API token was revoked on {token.revoked_at:%Y-%m-%d}"
            f"{f' ({token.revoked_reason})' if token.revoked_reason else ''}; create a new one."
        )
    if token.is_expired:
        raise TokenRejected(
            f"This API token expired on {token.expires_at:%Y-%m-%d}; create a new one."
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
