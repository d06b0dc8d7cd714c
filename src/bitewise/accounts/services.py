"""Writes for accounts."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import ApiToken, Role, User

TOKEN_PREFIX = "bw_"
MAX_ACTIVE_TOKENS = 20


class TokenLimitError(Exception):
    pass


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the user once, never stored


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def user_create(
    *, email: str, password: str, display_name: str = "", role: str = Role.LEARNER
) -> User:
    return User.objects.create_user(
        email=email, password=password, display_name=display_name, role=role
    )


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    active = ApiToken.objects.filter(user=user, revoked_at=None).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenLimitError(f"at most {MAX_ACTIVE_TOKENS} active tokens; revoke one first")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:80] or "token",
        prefix=secret[:10],
        key_hash=hash_token(secret),
    )
    return IssuedToken(token=token, secret=secret)


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_authenticate(*, secret: str) -> User | None:
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def user_update(
    *,
    user: User,
    by: User,
    email: str,
    display_name: str,
    role: str,
    is_active: bool,
    is_superuser: bool,
) -> User:
    """A person's details, role and access, changed by an admin. Only a superuser grants or
    removes superuser; nobody takes away their own admin role or access."""
    if not by.is_staff_admin:
        raise PermissionDenied("Only an admin can change people's roles and access.")
    if is_superuser != user.is_superuser and not by.is_superuser:
        raise PermissionDenied("Only a superuser can grant or remove superuser.")
    if user.pk == by.pk and ((role != Role.ADMIN and not is_superuser) or not is_active):
        raise ValidationError("You cannot take away your own admin role or access.")
    user.email = User.objects.normalize_email(email).lower()
    user.display_name, user.role = display_name, role
    user.is_active, user.is_superuser = is_active, is_superuser
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email", "display_name", "role", "is_active", "is_superuser"])
    return user
