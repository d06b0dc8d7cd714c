"""The two things to call when a write changes what verifiers see.

- ``status_list_changed``: a list's bits changed (a revocation, a reinstatement, a
  suspension). Its next fetch signs it again, and the stored verification of every
  credential on it is made again on its next view.
- ``credential_checks_forget``: something every verification of an issuer's credentials
  depends on changed (a key was rotated or withdrawn): each is made again on its next view.

Both write in the caller's transaction, so a rollback undoes them with the change itself.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import F

from bitewise.credentials.models import Issuer, StatusList


def status_list_changed(*, status_list_id: UUID) -> None:
    StatusList.objects.filter(pk=status_list_id).update(version=F("version") + 1)


def credential_checks_forget(*, issuer_id: int) -> None:
    Issuer.objects.filter(pk=issuer_id).update(checks_version=F("checks_version") + 1)
