"""Credential activity is counted without storing who; the staff API serves the figures
to staff tokens only."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.accounts.services import api_token_create
from bitewise.credentials.models import IssuedCredential
from bitewise.insight.models import CredentialActivity
from bitewise.insight.services.counters import (
    credential_activity_count,
    credential_activity_flush,
)
from bitewise.insight.tests.world import World, build_world
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(django_capture_on_commit_callbacks: Any) -> IssuedCredential:
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential(title="Safe Handoffs"))
    return IssuedCredential.objects.get()


def counts() -> dict[str, int]:
    """The day rows, once the scheduler has flushed the cache (after the open minutes)."""
    credential_activity_flush(now=timezone.now() + timedelta(minutes=3))
    return dict(CredentialActivity.objects.values_list("kind", "count"))


def test_views_downloads_linkedin_clicks_and_verifications_are_counted(
    client: Client, credential: IssuedCredential
) -> None:
    client.get(f"/credentials/{credential.pk}")
    client.get(f"/credentials/{credential.pk}")
    client.get(f"/credentials/{credential.pk}.json")
    linkedin = client.get(f"/credentials/{credential.pk}/linkedin")
    client.post(
        "/api/verify",
        data=json.dumps({"credential": credential.document}),
        content_type="application/json",
    )
    assert linkedin.status_code == 302 and "linkedin.com" in linkedin["Location"]
    assert counts() == {"view": 2, "download": 1, "linkedin": 1, "verify": 1}
    # Only counters: no column could say who looked.
    fields = {f.name for f in CredentialActivity._meta.get_fields()}
    assert fields == {"id", "day", "kind", "count"}


def test_the_owner_looking_at_their_own_page_is_not_a_view(
    client: Client, credential: IssuedCredential
) -> None:
    client.force_login(credential.learner)
    client.get(f"/credentials/{credential.pk}")
    assert counts() == {}


def test_a_kind_of_look_insight_does_not_know_is_refused_and_not_counted() -> None:
    with pytest.raises(ValueError, match="share"):
        credential_activity_count(kind="share")
    assert counts() == {}


def bearer(user: Any, *scopes: str) -> dict[str, str]:
    secret = api_token_create(user=user, name="t", scopes=scopes).secret
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def urls(world: World) -> list[str]:
    return [
        "/api/insight/retention",
        "/api/insight/items",
        f"/api/insight/micro-credentials/{world.micro_credential.pk}/funnel",
        f"/api/insight/pathways/{world.pathway.pk}/funnel",
        f"/api/insight/events/{world.event.pk}/lift",
        "/api/insight/credentials?start=2020-01-01",
        "/api/insight/ce",
    ]


def test_a_staff_token_reads_every_figure(client: Client) -> None:
    world = build_world(learners=6)
    headers = bearer(make_user(role=Role.AUTHOR), "read", "staff")
    for url in urls(world):
        response = client.get(url, **headers)  # type: ignore[arg-type]
        assert response.status_code == 200, (url, response.content[:200])
    funnel = client.get(urls(world)[2], **headers).json()  # type: ignore[arg-type]
    assert funnel["stages"][0] == {
        "label": "Enrolled",
        "people": 6,
        "share_of_enrolled": 1.0,
        "lost_from_previous": None,  # the first stage loses nobody
    }
    lift = client.get(urls(world)[4], **headers).json()  # type: ignore[arg-type]
    assert lift[0]["verdict"] == "too_small" and lift[0]["holdout_percent"] == 30
    # too small to tell: no group's figures either (a control group of one is one person)
    assert lift[0]["reinforced"] is None and lift[0]["holdout"] is None


def test_the_retention_api_gives_recall_per_event_with_small_groups_hidden(
    client: Client,
) -> None:
    world = build_world(learners=12)
    headers = bearer(make_user(role=Role.AUTHOR), "read", "staff")
    body = client.get("/api/insight/retention", **headers).json()  # type: ignore[arg-type]
    rows = body["per_event"]
    assert {r["title"] for r in rows} == {f"Spring congress · {world.event.starts_at:%Y-%m-%d}"}
    assert sorted(r["delay_days"] for r in rows) == [7, 30, 90]
    assert all(r["people"] >= 5 and r["observed"]["low"] <= r["observed"]["estimate"] for r in rows)
    assert sum(r["checks"] for r in rows) == body["checks"]  # every world check is the event's
    small = build_world(learners=4)  # a second congress of four: counts, no figure
    from bitewise.insight.services.rollups import rollup_refresh

    rollup_refresh("retention", force=True)
    again = client.get("/api/insight/retention", **headers).json()  # type: ignore[arg-type]
    # Two events of one title and day are told apart by their number.
    hidden = [r for r in again["per_event"] if r["title"].endswith(f" #{small.event.pk}")]
    assert hidden and all(not r["is_shown"] and r["observed"] is None for r in hidden)
    assert all(0 < r["people"] < 5 for r in hidden)


def test_a_funnel_of_two_learners_shows_no_count_of_them(client: Client) -> None:
    world = build_world(learners=2)
    headers = bearer(make_user(role=Role.AUTHOR), "read", "staff")

    funnel = client.get(urls(world)[2], **headers).json()  # type: ignore[arg-type]

    assert funnel["enrolled"] is None and funnel["unsubscribed"] is None
    assert funnel["biggest_drop"] is None
    assert all(s["people"] is None and s["lost_from_previous"] is None for s in funnel["stages"])


@pytest.mark.parametrize("query", ["end=9999-12-31", "start=1000-01-01", "start=9999-12-31"])
def test_a_date_out_of_range_is_a_400_on_the_api_and_the_pages(client: Client, query: str) -> None:
    author = make_user(role=Role.AUTHOR)
    headers = bearer(author, "read", "staff")
    api = client.get(f"/api/insight/credentials?{query}", **headers)  # type: ignore[arg-type]
    assert api.status_code == 400 and "Dates go from 2000-01-01" in api.json()["detail"]
    client.force_login(author)
    for page in ("/staff/insight/credentials/", "/staff/insight/ce/"):
        response = client.get(f"{page}?{query}")
        assert response.status_code == 400
        assert "Dates go from 2000-01-01 to 2100-12-31." in response.content.decode()


@pytest.mark.parametrize("chosen", ["mc-%C2%B2", "mc-" + "9" * 30, "pathway-x"])
def test_a_funnel_choice_that_is_no_id_is_a_400(client: Client, chosen: str) -> None:
    client.force_login(make_user(role=Role.AUTHOR))
    response = client.get(f"/staff/insight/funnel/?of={chosen}")
    assert response.status_code == 400


def test_a_learner_token_or_one_without_the_staff_scope_is_refused(client: Client) -> None:
    world = build_world(learners=6)
    learner_token = bearer(world.learners[0], "read")
    unscoped = bearer(make_user(role=Role.AUTHOR), "read")
    for url in urls(world):
        assert client.get(url, **learner_token).status_code == 403  # type: ignore[arg-type]
        assert client.get(url, **unscoped).status_code == 403  # type: ignore[arg-type]
        assert client.get(url).status_code == 401


def test_a_backwards_date_range_is_a_400(client: Client) -> None:
    headers = bearer(make_user(role=Role.AUTHOR), "read", "staff")
    response = client.get(
        "/api/insight/credentials?start=2026-02-01&end=2026-01-01",
        **headers,  # type: ignore[arg-type]
    )
    assert response.status_code == 400
    assert "The start date is after the end date" in response.json()["detail"]


def test_an_unknown_micro_credential_is_a_404(client: Client) -> None:
    headers = bearer(make_user(role=Role.AUTHOR), "read", "staff")
    response = client.get(
        "/api/insight/micro-credentials/999999/funnel",
        **headers,  # type: ignore[arg-type]
    )
    assert response.status_code == 404
