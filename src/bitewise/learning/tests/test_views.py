"""Learner pages over HTTP, including the SQL-query bound on the hot pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bitewise.common.testing import (
    correct_choice_ids,
    earn,
    make_micro_credential,
    make_pathway,
    make_skill,
    make_user,
)
from bitewise.learning import services
from bitewise.learning.models import Award, Enrollment, QuestionAnswer

pytestmark = pytest.mark.django_db
MAX_QUERIES = 12


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_web_journey_subscribes_learns_answers_and_earns(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)

    response = client.post(f"/m/{mc.slug}/subscribe")
    first = mc.memberships.order_by("position").first().lesson_id
    assert response.status_code == 302 and response["Location"].endswith(f"/lessons/{first}/")
    for m in mc.memberships.order_by("position"):
        page = client.get(f"/m/{mc.slug}/lessons/{m.lesson_id}/")
        assert page.status_code == 200
        for q in m.lesson.questions.all():
            url = f"/m/{mc.slug}/lessons/{m.lesson_id}/questions/{q.pk}/answer"
            client.post(url, {"choice": correct_choice_ids(q)})
        if m.lesson.questions.exists():
            feedback = client.get(f"/m/{mc.slug}/lessons/{m.lesson_id}/").content.decode()
            assert "Correct." in feedback and "Because" in feedback
        client.post(f"/m/{mc.slug}/lessons/{m.lesson_id}/complete")

    assert Award.objects.filter(learner=learner, micro_credential=mc).count() == 1
    assert "Earned" in client.get("/me/progress/").content.decode()
    assert "Earned on" in client.get(f"/m/{mc.slug}/").content.decode()


def test_unsubscribe_then_resubscribe_on_the_web_keeps_progress(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    client.post(f"/m/{mc.slug}/subscribe")
    first = mc.memberships.order_by("position").first().lesson_id
    client.post(f"/m/{mc.slug}/lessons/{first}/complete")

    client.post(f"/m/{mc.slug}/unsubscribe")
    page = client.get(f"/m/{mc.slug}/").content.decode()
    assert "Resubscribe and resume" in page
    assert "Unsubscribed" in client.get("/me/progress/").content.decode()

    client.post(f"/m/{mc.slug}/subscribe")
    assert Enrollment.objects.get(learner=learner).is_active
    assert "1 of 4 lessons" in client.get("/me/progress/").content.decode()


def test_a_garbage_choice_value_is_refused_without_recording(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    quiz = mc.memberships.order_by("position").last().lesson
    q = quiz.questions.first()
    response = client.post(
        f"/m/{mc.slug}/lessons/{quiz.pk}/questions/{q.pk}/answer", {"choice": "x"}
    )
    assert response.status_code == 302
    assert not QuestionAnswer.objects.exists()


def test_a_question_from_another_lesson_is_not_found(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    first = mc.memberships.order_by("position").first().lesson
    q = mc.memberships.order_by("position").last().lesson.questions.first()
    response = client.post(
        f"/m/{mc.slug}/lessons/{first.pk}/questions/{q.pk}/answer", {"choice": "1"}
    )
    assert response.status_code == 404


def test_learner_pages_need_a_login(client: Client) -> None:
    mc = make_micro_credential()
    lesson_id = mc.memberships.first().lesson_id
    for url in ("/me/progress/", f"/m/{mc.slug}/lessons/{lesson_id}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"/m/{mc.slug}/subscribe").status_code == 302
    assert not Enrollment.objects.exists()


def test_get_cannot_change_state(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    assert client.get(f"/m/{mc.slug}/subscribe").status_code == 405
    assert not Enrollment.objects.exists()


def test_a_lesson_outside_the_micro_credential_is_not_found(client: Client) -> None:
    learner, mc, other = make_user(), make_micro_credential(), make_micro_credential()
    client.force_login(learner)
    foreign = other.memberships.first().lesson_id
    assert client.get(f"/m/{mc.slug}/lessons/{foreign}/").status_code == 404


@pytest.mark.parametrize("size", [2, 12], ids=["small", "large"])
def test_hot_pages_run_a_bounded_number_of_queries(size: int) -> None:
    skill = make_skill()
    mcs = [make_micro_credential(skills=[skill]) for _ in range(size)]
    make_pathway(mcs[:2])
    learner = make_user()
    for mc in mcs:
        earn(learner, mc)
    client = logged_in(learner)
    lesson = mcs[0].memberships.order_by("position").last().lesson
    urls = [
        f"/?skill={skill.slug}&level=foundation&max_minutes=500",
        f"/m/{mcs[0].slug}/lessons/{lesson.pk}/",
        "/me/progress/",
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= MAX_QUERIES, (url, [q["sql"] for q in queries])


def test_continue_opens_the_first_lesson_not_yet_done(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    first, second = (m.lesson for m in mc.memberships.order_by("position")[:2])
    services.lesson_complete(learner=learner, lesson=first)
    client.force_login(learner)

    page = client.get(f"/m/{mc.slug}/").content.decode()

    assert f'href="/m/{mc.slug}/lessons/{second.pk}/">Continue' in page
