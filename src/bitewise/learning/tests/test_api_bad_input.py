"""The learning API refuses bad input with a clear 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.learning.models import (
    Attempt,
    AttemptAnswer,
    QuestionAnswer,
)
from bitewise.learning.tests.api_client import (
    bearer,
    post,
    quiz_questions,
)
from bitewise.testing import (
    correct_choice_ids,
    make_user,
)

pytestmark = pytest.mark.django_db


class TestBadInput:
    def test_malformed_json_is_a_400(self, client: Client, opened) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, _ = opened
        r = client.post(
            f"/api/attempts/{attempt.pk}/answers",
            data="{not json",
            content_type="application/json",
            headers=auth,
        )
        assert r.status_code == 400
        assert not AttemptAnswer.objects.exists()

    @pytest.mark.parametrize(
        "body",
        [
            {"question_id": "QID", "choice_ids": "one"},
            {"question_id": "QID", "choice_ids": []},
            {"question_id": "QID"},
            {"choice_ids": [1]},
            {"question_id": "QID", "choice_ids": [1], "response_ms": -5},
            {"question_id": "QID", "choice_ids": list(range(21))},
            [1, 2],
        ],
        ids=["string", "empty", "missing", "no-question", "negative-time", "too-many", "array"],
    )
    def test_wrong_types_are_a_422(self, client: Client, opened, body: object) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, questions = opened
        if isinstance(body, dict) and body.get("question_id") == "QID":
            body = {**body, "question_id": questions[0].pk}
        r = post(client, f"/api/attempts/{attempt.pk}/answers", body, auth)
        assert r.status_code == 422
        assert not AttemptAnswer.objects.exists()

    def test_a_foreign_choice_is_a_400_with_a_message(self, client: Client, opened) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, (q1, q2) = opened
        r = post(
            client,
            f"/api/attempts/{attempt.pk}/answers",
            {"question_id": q1.pk, "choice_ids": correct_choice_ids(q2)},
            auth,
        )
        assert r.status_code == 400
        assert "does not belong" in r.json()["detail"]
        assert not AttemptAnswer.objects.exists()

    def test_answering_after_submitting_is_a_409(self, client: Client, opened) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, (q, _) = opened
        client.post(f"/api/attempts/{attempt.pk}/submit", headers=auth)
        r = post(
            client,
            f"/api/attempts/{attempt.pk}/answers",
            {"question_id": q.pk, "choice_ids": correct_choice_ids(q)},
            auth,
        )
        assert r.status_code == 409
        assert not AttemptAnswer.objects.exists()

    def test_starting_while_cooling_off_is_a_409_saying_when(self, client: Client, opened) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, _ = opened
        slug = attempt.micro_credential.slug
        client.post(f"/api/attempts/{attempt.pk}/submit", headers=auth)

        r = client.post(f"/api/micro-credentials/{slug}/attempts", headers=auth)

        assert r.status_code == 409
        assert "next attempt from" in r.json()["detail"]
        assert Attempt.objects.count() == 1

    def test_a_question_of_a_micro_credential_is_refused_outside_an_attempt(
        self,
        client: Client,
        mc,  # type: ignore[no-untyped-def]
    ) -> None:
        q = quiz_questions(mc)[0]
        r = post(
            client,
            f"/api/questions/{q.pk}/answer",
            {"choice_ids": [q.choices.first().pk]},
            bearer(make_user()),
        )
        assert r.status_code == 400
        assert "answer it in an attempt" in r.json()["detail"]
        assert "correct_choice_ids" not in r.json()
        assert not QuestionAnswer.objects.exists()
        retake = client.post(f"/api/lessons/{q.lesson_id}/retake", headers=bearer(make_user()))
        assert retake.status_code == 400

    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("post", "/api/micro-credentials/no-such-thing/subscription"),
            ("delete", "/api/micro-credentials/no-such-thing/subscription"),
            ("post", "/api/lessons/999999/completion"),
            ("post", "/api/lessons/999999/retake"),
            ("get", "/api/lessons/999999"),
            ("delete", "/api/me/tokens/999999"),
            ("get", "/api/micro-credentials/no-such-thing/assessment"),
            ("post", "/api/micro-credentials/no-such-thing/attempts"),
            ("get", "/api/attempts/999999"),
            ("post", "/api/attempts/999999/submit"),
        ],
    )
    def test_unknown_ids_are_a_404(self, client: Client, method: str, url: str) -> None:
        r = getattr(client, method)(url, headers=bearer(make_user()))
        assert r.status_code == 404
        assert r.json()["detail"]

    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("get", "/api/attempts/99999999999999999999"),
            ("post", "/api/attempts/99999999999999999999/submit"),
        ],
    )
    def test_ids_past_the_database_range_are_a_404_or_422(
        self, client: Client, method: str, url: str
    ) -> None:
        r = getattr(client, method)(url, headers=bearer(make_user()))
        assert r.status_code in (404, 422)

    def test_a_question_id_past_the_database_range_is_a_400(self, client: Client, opened) -> None:  # type: ignore[no-untyped-def]
        auth, attempt, _ = opened
        r = post(
            client,
            f"/api/attempts/{attempt.pk}/answers",
            {"question_id": 99999999999999999999, "choice_ids": [1]},
            auth,
        )
        assert r.status_code in (400, 422)
        assert not AttemptAnswer.objects.exists()

    def test_unknown_question_is_a_404(self, client: Client) -> None:
        r = post(client, "/api/questions/999999/answer", {"choice_ids": [1]}, bearer(make_user()))
        assert r.status_code == 404

    def test_non_integer_path_ids_are_a_422(self, client: Client) -> None:
        assert client.get("/api/lessons/abc", headers=bearer(make_user())).status_code in (404, 422)

    def test_an_oversize_body_is_refused(self, client: Client, opened, settings) -> None:  # type: ignore[no-untyped-def]
        settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
        auth, attempt, (q, _) = opened
        body = {"question_id": q.pk, "choice_ids": [1], "padding": "x" * 5000}
        r = post(client, f"/api/attempts/{attempt.pk}/answers", body, auth)
        assert r.status_code in (400, 413)
        assert not AttemptAnswer.objects.exists()

    def test_unsubscribing_when_not_subscribed_is_a_400(self, client: Client, mc) -> None:  # type: ignore[no-untyped-def]
        r = client.delete(
            f"/api/micro-credentials/{mc.slug}/subscription", headers=bearer(make_user())
        )
        assert r.status_code == 400
