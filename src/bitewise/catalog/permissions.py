"""Who may change the catalog. Staff (authors and admins) create and edit; only admins
publish, retire or delete, whatever the entry point: the services check it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from bitewise.accounts.models import User


def can_publish(user: User) -> bool:
    return bool(user.is_staff_admin)


def publish_permission_check(*, by: User | None) -> None:
    """Raise PermissionDenied unless ``by`` may publish, retire or delete. ``None`` is the
    operator at the server (the demo loader, a management command), never a web request."""
    if by is not None and not can_publish(by):
        raise PermissionDenied("Only an admin can publish, retire or delete catalog items.")
