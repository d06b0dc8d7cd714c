"""Reads for credentials, permission-checked."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential, Issuer


def access_public_credential(*, credential_id: UUID, viewer: User | None) -> IssuedCredential:
    """Anyone may see a credential unless its learner hid it; then only the learner and
    its issuer's staff (404 for everyone else, as for a missing one)."""
    try:
        # get(): one row by its key, with no ORDER BY to compile or run; the joins are what
        # the public page reads (PostgreSQL spends more planning each join than running it)
        credential = IssuedCredential.objects.select_related(
            "issuer", "learner", "award", "status_list"
        ).get(pk=credential_id)
    except IssuedCredential.DoesNotExist:
        raise Http404("No such credential") from None
    if credential.is_hidden and not _is_insider(credential, viewer):
        raise Http404("No such credential")
    return credential


def _is_insider(credential: IssuedCredential, viewer: User | None) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.pk == credential.learner_id or viewer.is_superuser:
        return True
    return viewer.is_staff and credential.issuer.staff.filter(pk=viewer.pk).exists()


def access_own_credential(*, credential_id: UUID, learner: User) -> IssuedCredential:
    credential = IssuedCredential.objects.filter(pk=credential_id, learner=learner).first()
    if credential is None:
        raise Http404("No such credential")
    return credential


def credential_list_for_learner(*, learner: User) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(learner=learner).select_related("issuer")


def access_issuer(*, slug: str) -> Issuer:
    issuer = Issuer.objects.filter(slug=slug).first()
    if issuer is None:
        raise Http404("No such issuer")
    return issuer
