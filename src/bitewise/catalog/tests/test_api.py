"""The catalog API's micro-credential detail (its lessons and skills, drafts hidden)."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.testing import make_micro_credential, make_skill

pytestmark = pytest.mark.django_db


def test_a_micro_credential_lists_its_lessons_in_order_and_its_skills(client: Client) -> None:
    skill = make_skill("Triage")
    mc = make_micro_credential(lessons=2, skills=[skill])

    response = client.get(f"/api/micro-credentials/{mc.slug}")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == mc.slug
    assert [s["name"] for s in body["skills"]] == ["Triage"]
    titles = [lesson["title"] for lesson in body["lessons"]]
    assert len(titles) == 3 and titles[-1].startswith("Quiz")


def test_a_draft_or_unknown_micro_credential_is_404(client: Client) -> None:
    draft = make_micro_credential(publish=False)
    assert client.get(f"/api/micro-credentials/{draft.slug}").status_code == 404
    assert client.get("/api/micro-credentials/no-such-thing").status_code == 404
