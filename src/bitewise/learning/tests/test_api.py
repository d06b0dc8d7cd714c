"""The learning API: a learner subscribes, reads, takes the assessment and earns the
micro-credential through it, and sees their progress."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.tests.api_client import (
    bearer,
    post,
)
from bitewise.testing import (
    correct_choice_ids,
    make_micro_credential,
    make_user,
    take_assessment,
)

pytestmark = pytest.mark.django_db


def test_a_learner_completes_a_micro_credential_through_the_api(client: Client, mc) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    auth = bearer(learner)

    assert (
        client.post(f"/api/micro-credentials/{mc.slug}/subscription", headers=auth).status_code
        == 200
    )
    for m in mc.memberships.order_by("position"):
        assert (
            client.post(f"/api/lessons/{m.lesson_id}/completion", headers=auth).status_code == 200
        )
    attempt = client.post(f"/api/micro-credentials/{mc.slug}/attempts", headers=auth).json()
    for item in attempt["questions"]:
        question = Question.objects.get(pk=item["id"])
        r = post(
            client,
            f"/api/attempts/{attempt['id']}/answers",
            {"question_id": question.pk, "choice_ids": correct_choice_ids(question)},
            auth,
        )
        assert r.status_code == 200, r.content
        assert r.json()["is_correct"] is None  # graded once submitted
    submitted = client.post(f"/api/attempts/{attempt['id']}/submit", headers=auth).json()
    assert (submitted["score"], submitted["is_passed"]) == (100, True)
    assert all(q["is_correct"] is True for q in submitted["questions"])

    progress = client.get("/api/me/progress", headers=auth).json()
    [row] = progress["micro_credentials"]
    assert row["is_earned"] is True and row["percent_complete"] == 100
    assert (row["best_score"], row["is_assessment_passed"]) == (100, True)
    [award] = client.get("/api/me/awards", headers=auth).json()
    assert award["slug"] == mc.slug and award["kind"] == "micro_credential"


def test_a_failed_attempt_shows_in_progress_without_a_full_bar(client: Client, mc) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    auth = bearer(learner)
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.all():
        services.lesson_complete(learner=learner, lesson=m.lesson)
    take_assessment(learner, mc, correctly=False)

    [row] = client.get("/api/me/progress", headers=auth).json()["micro_credentials"]
    assessment = client.get(f"/api/micro-credentials/{mc.slug}/assessment", headers=auth).json()

    assert (row["is_earned"], row["best_score"], row["pass_percent"]) == (False, 0, 50)
    assert row["percent_complete"] < 100
    assert assessment["attempts_used"] == 1 and assessment["attempts_left"] == 2
    assert assessment["can_start"] is False and assessment["next_start_at"] is not None


def test_the_catalog_api_reads_the_assessment_settings(client: Client) -> None:
    mc = make_micro_credential(
        max_attempts=2, cooling_off_hours=48, questions_per_attempt=5, shuffle_choices=False
    )
    body = client.get(f"/api/micro-credentials/{mc.slug}").json()
    assert body["assessment"] == {
        "max_attempts": 2,
        "cooling_off_hours": 48,
        "questions_per_attempt": 5,
        "shuffle_choices": False,
        "feedback_mode": "after_submit",
    }


def test_unsubscribe_keeps_progress_and_resubscribe_resumes(client: Client, mc) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    auth = bearer(learner)
    url = f"/api/micro-credentials/{mc.slug}/subscription"
    client.post(url, headers=auth)
    first = mc.memberships.order_by("position").first().lesson_id
    client.post(f"/api/lessons/{first}/completion", headers=auth)

    dropped = client.delete(url, headers=auth)
    assert dropped.status_code == 200 and dropped.json()["is_active"] is False
    row = client.get("/api/me/progress", headers=auth).json()["micro_credentials"][0]
    assert (row["is_subscribed"], row["lessons_done"]) == (False, 1)

    resumed = client.post(url, headers=auth)
    assert resumed.json()["is_active"] is True
    assert (
        client.get("/api/me/progress", headers=auth).json()["micro_credentials"][0]["lessons_done"]
        == 1
    )
