"""A badge staff revoked no longer stands on the learner's progress: not "Earned", not held
towards a pathway, as on the CE transcript and to any verifier."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import credential_reinstate, credential_revoke
from bitewise.learning.selectors import learner_progress
from bitewise.testing import earn, make_micro_credential, make_pathway, make_user

pytestmark = pytest.mark.django_db


def test_a_revoked_badge_is_not_earned_or_held_until_reinstated(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    learner = make_user(email="lee@example.org")
    admin = make_user(role=Role.ADMIN, email="admin@example.org")
    first, second = make_micro_credential(), make_micro_credential()
    pathway = make_pathway([first, second])
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, first)
    credential = IssuedCredential.objects.get(award__micro_credential=first)
    credential.issuer.staff.add(admin)
    row = next(r for r in learner_progress(learner=learner).micro_credentials)
    assert row.award is not None and row.revoked_at is None

    credential_revoke(credential=credential, by=admin, reason="Answers were shared")

    progress = learner_progress(learner=learner)
    row = next(r for r in progress.micro_credentials if r.micro_credential == first)
    assert row.award is None and row.revoked_at is not None
    assert row.revoked_reason == "Answers were shared"
    [held] = [p for p in progress.pathways if p.pathway == pathway]
    assert held.held == 0 and not held.is_under_review  # not earned, nothing to review
    client.force_login(learner)
    page = client.get("/me/progress/").content.decode()
    assert "Badge revoked on" in page and "Answers were shared" in page
    assert "Earned" not in page

    credential_reinstate(credential=credential, by=admin, reason="Cleared")
    row = learner_progress(learner=learner).micro_credentials[0]
    assert row.award is not None and row.revoked_at is None


def test_a_pathway_badge_built_on_a_revoked_one_shows_as_under_review(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    learner = make_user(email="ray@example.org")
    admin = make_user(role=Role.ADMIN, email="issuer@example.org")
    only = make_micro_credential()
    pathway = make_pathway([only])
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, only)
    credential = IssuedCredential.objects.get(award__micro_credential=only)
    credential.issuer.staff.add(admin)

    with django_capture_on_commit_callbacks(execute=True):
        credential_revoke(credential=credential, by=admin, reason="Answers were shared")

    [row] = [p for p in learner_progress(learner=learner).pathways if p.pathway == pathway]
    assert (row.held, row.award is not None, row.is_under_review) == (0, True, True)
    client.force_login(learner)
    assert (
        "Under review: a micro-credential it was built on"
        in client.get("/me/progress/").content.decode()
    )
