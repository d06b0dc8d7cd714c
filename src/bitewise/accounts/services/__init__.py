"""Writes for accounts. Each concept has its module; the ones other apps use are here."""

from bitewise.accounts.services.tokens import (
    IssuedToken,
    TokenError,
    TokenLimitError,
    TokenRejected,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    hash_token,
)
from bitewise.accounts.services.users import user_create, user_password_set, user_update

__all__ = [
    "IssuedToken",
    "TokenError",
    "TokenLimitError",
    "TokenRejected",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "hash_token",
    "user_create",
    "user_password_set",
    "user_update",
]
