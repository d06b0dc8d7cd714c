"""LTI platform registrations, entered by admins (the admin site is the staff page)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from bitewise.accounts.models import User
from bitewise.integrations.models import LtiPlatform

MAX_DEPLOYMENTS = 50


def clean_deployment_ids(values: list[str]) -> list[str]:
    ids = [v.strip() for v in values if v.strip()]
    if not ids:
        raise ValidationError("Give at least one deployment id.")
    if len(ids) > MAX_DEPLOYMENTS:
        raise ValidationError(f"At most {MAX_DEPLOYMENTS} deployment ids.")
    if any(len(v) > 255 for v in ids):
        raise ValidationError("A deployment id is at most 255 characters.")
    return list(dict.fromkeys(ids))


@transaction.atomic
def lti_platform_save(*, platform: LtiPlatform, by: User) -> LtiPlatform:
    """Add or change a platform registration; admins only."""
    if not by.is_staff_admin:
        raise PermissionDenied("Only an admin can register LTI platforms.")
    platform.deployment_ids = clean_deployment_ids([str(v) for v in platform.deployment_ids])
    platform.full_clean()
    platform.save()
    return platform
