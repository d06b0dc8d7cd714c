"""The learning API: each route acts on the caller's own data only; bad input is a 4xx."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bitewise.accounts.services import api_token_create
from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.models import (
    Attempt,
    AttemptAnswer,
    Award,
    Enrollment,
    LessonCompletion,
    QuestionAnswer,
)
from bitewise.testing import (
    correct_choice_ids,
    earn,
    make_micro_credential,
    make_user,
    take_assessment,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def post(client: Client, url: str, body: object, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def mc():  # type: ignore[no-untyped-def]
    return make_micro_credential()


def quiz_questions(mc):  # type: ignore[no-untyped-def]
    lesson = mc.memberships.order_by("position").last().lesson
    return list(lesson.questions.all())


@pytest.fixture
def opened(mc):  # type: ignore[no-untyped-def]
    """A learner's token, their open attempt at ``mc`` and its questions."""
    learner = make_user()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.all():
        services.lesson_complete(learner=learner, lesson=m.lesson)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    return bearer(learner), attempt, list(Question.objects.filter(pk__in=attempt.question_ids))


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


class TestAuthentication:
    @pytest.mark.parametrize(
        ("method", "url"),
        [
            ("get", "/api/me/progress"),
            ("get", "/api/me/awards"),
            ("get", "/api/me/tokens"),
            ("post", "/api/lessons/1/completion"),
            ("get", "/api/lessons/1"),
            ("get", "/api/micro-credentials/x/assessment"),
            ("post", "/api/micro-credentials/x/attempts"),
            ("get", "/api/attempts/1"),
            ("post", "/api/attempts/1/answers"),
            ("post", "/api/attempts/1/submit"),
        ],
    )
    def test_anonymous_callers_get_401(self, client: Client, method: str, url: str) -> None:
        assert getattr(client, method)(url).status_code == 401

    def test_a_revoked_or_made_up_token_is_refused(self, client: Client) -> None:
        learner = make_user()
        issued = api_token_create(user=learner, name="x")
        from bitewise.accounts.services import api_token_revoke

        api_token_revoke(token=issued.token)
        for secret in (issued.secret, "bw_made-up", "not-even-prefixed"):
            r = client.get("/api/me/progress", headers={"Authorization": f"Bearer {secret}"})
            assert r.status_code == 401

    def test_session_writes_need_a_csrf_token(self, mc) -> None:  # type: ignore[no-untyped-def]
        learner = make_user()
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(learner)
        url = f"/api/micro-credentials/{mc.slug}/subscription"

        refused = browser.post(url)
        assert refused.status_code == 403
        assert not Enrollment.objects.exists()

        browser.get("/")  # sets the csrftoken cookie
        token = browser.cookies["csrftoken"].value
        assert browser.post(url, headers={"X-CSRFToken": token}).status_code == 200
        assert browser.get("/api/me/progress").status_code == 200


class TestIsolation:
    """A learner can neither read nor change another learner's data."""

    def test_progress_and_awards_show_only_the_callers_own(self, client: Client, mc) -> None:  # type: ignore[no-untyped-def]
        alice, bob = make_user(), make_user()
        earn(alice, mc)
        assert Award.objects.filter(learner=alice).exists()

        bob_auth = bearer(bob)
        assert client.get("/api/me/progress", headers=bob_auth).json()["micro_credentials"] == []
        assert client.get("/api/me/awards", headers=bob_auth).json() == []

    def test_attempts_of_others_can_be_neither_read_answered_nor_submitted(
        self,
        client: Client,
        mc,  # type: ignore[no-untyped-def]
    ) -> None:
        alice, bob = make_user(), make_user()
        services.enrollment_subscribe(learner=alice, micro_credential=mc)
        for m in mc.memberships.all():
            services.lesson_complete(learner=alice, lesson=m.lesson)
        attempt = services.attempt_start(learner=alice, micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])
        bob_auth = bearer(bob)

        assert client.get(f"/api/attempts/{attempt.pk}", headers=bob_auth).status_code == 404
        answered = post(
            client,
            f"/api/attempts/{attempt.pk}/answers",
            {"question_id": question.pk, "choice_ids": correct_choice_ids(question)},
            bob_auth,
        )
        submitted = client.post(f"/api/attempts/{attempt.pk}/submit", headers=bob_auth)
        assessment = client.get(f"/api/micro-credentials/{mc.slug}/assessment", headers=bob_auth)

        assert (answered.status_code, submitted.status_code) == (404, 404)
        assert assessment.json()["attempts"] == []
        attempt.refresh_from_db()
        assert attempt.submitted_at is None and not attempt.answers.exists()

    def test_unsubscribing_changes_only_the_callers_subscription(self, client: Client, mc) -> None:  # type: ignore[no-untyped-def]
        alice, bob = make_user(), make_user()
        services.enrollment_subscribe(learner=alice, micro_credential=mc)
        services.enrollment_subscribe(learner=bob, micro_credential=mc)

        client.delete(f"/api/micro-credentials/{mc.slug}/subscription", headers=bearer(bob))

        assert Enrollment.objects.get(learner=alice).is_active is True
        assert Enrollment.objects.get(learner=bob).is_active is False

    def test_completions_are_recorded_for_the_caller_only(self, client: Client, mc) -> None:  # type: ignore[no-untyped-def]
        alice, bob = make_user(), make_user()
        lesson_id = mc.memberships.order_by("position").first().lesson_id
        client.post(f"/api/lessons/{lesson_id}/completion", headers=bearer(bob))
        assert not LessonCompletion.objects.filter(learner=alice).exists()
        assert LessonCompletion.objects.filter(learner=bob).count() == 1

    def test_tokens_of_others_can_be_neither_listed_nor_revoked(self, client: Client) -> None:
        alice, bob = make_user(), make_user()
        alice_token = api_token_create(user=alice, name="alice's")
        bob_auth = bearer(bob)

        listed = client.get("/api/me/tokens", headers=bob_auth).json()
        assert alice_token.token.pk not in [t["id"] for t in listed]
        assert (
            client.delete(f"/api/me/tokens/{alice_token.token.pk}", headers=bob_auth).status_code
            == 404
        )
        alice_token.token.refresh_from_db()
        assert alice_token.token.revoked_at is None
