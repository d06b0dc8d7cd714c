"""The learning API: who may call it, and each route acts on the caller's own data only."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.services import api_token_create
from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.models import (
    Award,
    Enrollment,
    LessonCompletion,
)
from bitewise.learning.tests.api_client import (
    bearer,
    post,
)
from bitewise.testing import (
    correct_choice_ids,
    earn,
    make_user,
)

pytestmark = pytest.mark.django_db


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
