"""Whose repurposing jobs a staff member may see and change: an admin, every job; an author,
the jobs they uploaded and those of their colleagues, the staff of an issuer they are staff
of. Another organisation's recordings, transcripts and drafts stay out of their reach, as its
credentials do (credentials/staff_selectors.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from bitewise.accounts.models import Role, User
from bitewise.repurposing.models import RepurposeJob


def jobs_visible_to(viewer: User) -> QuerySet[RepurposeJob]:
    if not viewer.is_staff:
        return RepurposeJob.objects.none()
    if viewer.is_staff_admin:
        return RepurposeJob.objects.all()
    colleagues = User.objects.filter(issuers__staff=viewer)
    return RepurposeJob.objects.filter(Q(created_by=viewer) | Q(created_by__in=colleagues))


def uploaders_visible_to(viewer: User) -> QuerySet[User]:
    """The staff whose jobs ``viewer`` sees, ``viewer`` among them: every staff member for an
    admin; for an author, themselves and their colleagues."""
    if viewer.is_staff_admin:
        return User.objects.filter(
            Q(role__in=[Role.AUTHOR, Role.ADMIN]) | Q(is_superuser=True) | Q(pk=viewer.pk)
        )
    colleagues = User.objects.filter(issuers__staff=viewer).values("pk")
    return User.objects.filter(Q(pk=viewer.pk) | Q(pk__in=colleagues))


def job_permission_check(*, job: RepurposeJob, by: User) -> None:
    """Raise PermissionDenied unless ``by`` may change ``job``."""
    if not jobs_visible_to(by).filter(pk=job.pk).exists():
        raise PermissionDenied("Only staff of the organisation that uploaded it can change it.")
