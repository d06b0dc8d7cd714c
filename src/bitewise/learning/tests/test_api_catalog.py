"""The catalog through the learning API: listing, filters, pagination, and lessons that
show no answers and no drafts."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.learning.tests.api_client import (
    bearer,
)
from bitewise.testing import (
    make_micro_credential,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_catalog_lists_and_filters_with_pagination(client: Client) -> None:
    from bitewise.testing import make_skill

    nursing = make_skill("Nursing")
    make_micro_credential(skills=[nursing], level="advanced")
    for _ in range(3):
        make_micro_credential()
    make_micro_credential(publish=False)

    everything = client.get("/api/catalog").json()
    assert everything["count"] == 4
    filtered = client.get(f"/api/catalog?skill={nursing.slug}&level=advanced").json()
    assert filtered["count"] == 1
    assert filtered["items"][0]["skills"][0]["name"] == "Nursing"
    assert client.get("/api/catalog?page=2&page_size=2").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "max_minutes=0",
        "max_minutes=abc",
        "min_credits=-1",
        "level=wizard",
        "page=0",
        "q=" + "x" * 101,
    ],
    ids=[
        "zero-minutes",
        "text-minutes",
        "negative-credits",
        "unknown-level",
        "page-zero",
        "long-text",
    ],
)
def test_catalog_refuses_out_of_range_filters_with_422(client: Client, query: str) -> None:
    response = client.get(f"/api/catalog?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_lesson_detail_hides_the_answers(client: Client, mc) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(make_user())
    lesson = mc.memberships.order_by("position").last().lesson
    body = client.get(f"/api/lessons/{lesson.pk}", headers=auth).json()
    assert body["questions"]
    assert all(set(c) == {"id", "text"} for q in body["questions"] for c in q["choices"])


def test_draft_lessons_are_not_found_for_learners(client: Client) -> None:
    draft = make_micro_credential(publish=False)
    lesson_id = draft.memberships.first().lesson_id
    response = client.get(f"/api/lessons/{lesson_id}", headers=bearer(make_user()))
    assert response.status_code == 404
