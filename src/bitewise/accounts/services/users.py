"""People: accounts and their passwords."""

from __future__ import annotations

from django.db import transaction

from bitewise.accounts.models import Role, User
from bitewise.accounts.services.tokens import api_tokens_revoke_all
from bitewise.engines.text.visible import visible_text


@transaction.atomic
def user_create(
    *, email: str, password: str, display_name: str = "", role: str = Role.LEARNER
) -> User:
    # Names show on public pages: no direction overrides or invisible characters in them.
    return User.objects.create_user(
        email=email, password=password, display_name=visible_text(display_name), role=role
    )


@transaction.atomic
def user_password_set(*, user: User, password: str, reason: str = "password changed") -> User:
    """Set a new password and revoke every API token: whoever knew the old password may
    have made one. Sessions end too, as their hash no longer matches the password."""
    user.set_password(password)
    user.save(update_fields=["password"])
    api_tokens_revoke_all(user=user, reason=reason)
    return user
