"""Figures a staff member reads on two pages in a row: each page its own (a lift page keeps
its event's figures, not the last event opened), and revoked badges are the revoked ones."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.insight.selectors.activity import credential_figures
from bitewise.insight.selectors.periods import Period
from bitewise.insight.tests.world import build_world
from bitewise.reinforcement.services.events import event_create
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_each_lift_page_shows_its_own_event_while_the_first_is_kept(client: Client) -> None:
    world = build_world(learners=6)
    other = event_create(
        title="Autumn workshop",
        starts_at=timezone.now() - timedelta(days=10),
        time_zone="UTC",
        kind="conference",
    )
    client.force_login(make_user(role=Role.AUTHOR))

    first = client.get(reverse("insight:lift", args=[world.event.pk])).content.decode()
    second = client.get(reverse("insight:lift", args=[other.pk])).content.decode()

    assert "Spring congress" in first and "Autumn workshop" not in first
    assert "Autumn workshop" in second and "Spring congress" not in second


def test_badges_revoked_counts_only_the_revoked(django_capture_on_commit_callbacks: Any) -> None:
    learners = [make_user(), make_user()]
    with django_capture_on_commit_callbacks(execute=True):
        for learner in learners:
            earn(learner, make_micro_credential())
    first = IssuedCredential.objects.select_related("issuer").first()
    assert first is not None
    staff = make_user(role=Role.ADMIN)
    first.issuer.staff.add(staff)
    credential_revoke(credential=first, by=staff, reason="Issued in error")

    figures = {f.label: f.value for f in credential_figures(Period())}

    assert figures["Badges issued"] == 2
    assert figures["Badges revoked"] == 1
