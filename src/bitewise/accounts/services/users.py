"""People: accounts and their passwords."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
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
    removes superuser, or changes a superuser's account at all (an admin who could set its
    email could reset its password and sign in as it); nobody takes away their own admin
    role or access."""
    if not by.is_staff_admin:
        raise PermissionDenied("Only an admin can change people's roles and access.")
    if is_superuser != user.is_superuser and not by.is_superuser:
        raise PermissionDenied("Only a superuser can grant or remove superuser.")
    if user.is_superuser and not by.is_superuser:
        raise PermissionDenied("Only a superuser can change a superuser's account.")
    if user.pk == by.pk and ((role != Role.ADMIN and not is_superuser) or not is_active):
        raise ValidationError("You cannot take away your own admin role or access.")
    user.email = User.objects.normalize_email(email).lower()
    user.display_name, user.role = visible_text(display_name), role
    user.is_active, user.is_superuser = is_active, is_superuser
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email", "display_name", "role", "is_active", "is_superuser"])
    return user
