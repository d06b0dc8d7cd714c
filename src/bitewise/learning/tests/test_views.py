"""Learner pages over HTTP, including the SQL-query bound on the hot pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.models import Attempt, AttemptAnswer, Award, Enrollment
from bitewise.testing import (
    correct_choice_ids,
    earn,
    make_micro_credential,
    make_pathway,
    make_skill,
    make_user,
    wrong_choice_ids,
)

pytestmark = pytest.mark.django_db
MAX_QUERIES = 12  # the access rules come from the cache (membership.rule_cache)


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def start_attempt(client: Client, mc) -> Attempt:  # type: ignore[no-untyped-def]
    """Read every lesson on the web, then start the assessment."""
    client.post(f"/m/{mc.slug}/subscribe")
    for m in mc.memberships.order_by("position"):
        client.post(f"/m/{mc.slug}/lessons/{m.lesson_id}/complete")
    response = client.post(f"/m/{mc.slug}/assessment/start")
    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/m/{mc.slug}/attempts/{attempt.pk}/"
    return attempt


def test_the_web_journey_subscribes_learns_takes_the_assessment_and_earns(
    client: Client,
) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)

    response = client.post(f"/m/{mc.slug}/subscribe")
    first = mc.memberships.order_by("position").first().lesson_id
    assert response.status_code == 302 and response["Location"].endswith(f"/lessons/{first}/")
    memberships = list(mc.memberships.order_by("position"))
    for m in memberships:
        assert client.get(f"/m/{mc.slug}/lessons/{m.lesson_id}/").status_code == 200
        done = client.post(f"/m/{mc.slug}/lessons/{m.lesson_id}/complete")
    assert done["Location"] == f"/m/{mc.slug}/assessment/"  # the last lesson leads on to it
    assert "Start the assessment" in client.get(done["Location"]).content.decode()
    client.post(f"/m/{mc.slug}/assessment/start")
    attempt = Attempt.objects.get()
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        url = f"/m/{mc.slug}/attempts/{attempt.pk}/questions/{question.pk}/answer"
        client.post(url, {"choice": correct_choice_ids(question)})

    submitted = client.post(f"/m/{mc.slug}/attempts/{attempt.pk}/submit")

    assert submitted["Location"] == f"/m/{mc.slug}/earned/"
    assert Award.objects.filter(learner=learner, micro_credential=mc).count() == 1
    assert "Earned" in client.get("/me/progress/").content.decode()
    assert "Earned on" in client.get(f"/m/{mc.slug}/").content.decode()
    results = client.get(f"/m/{mc.slug}/attempts/{attempt.pk}/").content.decode()
    assert "Correct." in results and "Because" in results


def test_the_open_attempt_page_shows_nothing_that_tells_the_right_choice_apart(
    client: Client,
) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    attempt = start_attempt(client, mc)
    question = Question.objects.get(pk=attempt.question_ids[0])
    right = correct_choice_ids(question)[0]
    client.post(
        f"/m/{mc.slug}/attempts/{attempt.pk}/questions/{question.pk}/answer",
        {"choice": wrong_choice_ids(question)},
    )

    page = client.get(f"/m/{mc.slug}/attempts/{attempt.pk}/").content.decode()

    # Every choice is an input like any other; none is marked, none explained.
    assert f'name="q-{question.pk}" value="{right}">' in page
    for word in ("(correct)", "✓", "Correct.", "Not quite.", "Because"):
        assert word not in page
    assert "Saved" in page


def test_a_failed_attempt_says_the_score_the_pass_mark_and_when_to_retake(
    client: Client,
) -> None:
    learner, mc = make_user(), make_micro_credential(pass_percent=80, cooling_off_hours=24)
    client.force_login(learner)
    attempt = start_attempt(client, mc)
    question = Question.objects.get(pk=attempt.question_ids[0])
    client.post(
        f"/m/{mc.slug}/attempts/{attempt.pk}/questions/{question.pk}/answer",
        {"choice": correct_choice_ids(question)},
    )

    submitted = client.post(f"/m/{mc.slug}/attempts/{attempt.pk}/submit")

    assert submitted["Location"] == f"/m/{mc.slug}/attempts/{attempt.pk}/"
    attempt.refresh_from_db()
    retake_at = timezone.localtime(attempt.submitted_at + timedelta(hours=24))
    for url in (submitted["Location"], f"/m/{mc.slug}/", f"/m/{mc.slug}/assessment/"):
        page = client.get(url).content.decode()
        assert "Not passed yet." in page, url
        assert "scored 50% (1 of 2 right); the pass mark is 80%" in page, url
        assert f'retake it from <strong><time datetime="{retake_at.isoformat()}' in page, url
        assert "with 2 attempts left" in page, url
        assert "Retake: start attempt 2" not in page, url
    course = client.get(f"/m/{mc.slug}/").content.decode()
    assert 'max="100" value="80"' in course  # four lessons of five steps: not a full bar
    assert ">Continue</a>" not in course
    assert "see why and when you can retake" in client.get("/me/progress/").content.decode()

    with time_machine.travel(retake_at + timedelta(minutes=1)):
        page = client.get(f"/m/{mc.slug}/").content.decode()
        assert "You can retake it now: 2 attempts left." in page
        assert "Retake: start attempt 2" in page


def test_out_of_attempts_says_so_and_offers_no_retake(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential(max_attempts=1)
    client.force_login(learner)
    attempt = start_attempt(client, mc)
    client.post(f"/m/{mc.slug}/attempts/{attempt.pk}/submit")

    page = client.get(f"/m/{mc.slug}/assessment/").content.decode()

    assert "You have used all 1 attempts, so no retake is left." in page
    assert "/assessment/start" not in page
    refused = client.post(f"/m/{mc.slug}/assessment/start", follow=True)
    assert "used all 1 attempts" in refused.content.decode()
    assert Attempt.objects.count() == 1


def test_another_learners_attempt_page_is_not_found(client: Client) -> None:
    mc = make_micro_credential()
    alice = make_user()
    alice_client = logged_in(alice)
    attempt = start_attempt(alice_client, mc)
    question = Question.objects.get(pk=attempt.question_ids[0])
    client.force_login(make_user())

    base = f"/m/{mc.slug}/attempts/{attempt.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert (
        client.post(
            f"{base}/questions/{question.pk}/answer", {"choice": correct_choice_ids(question)}
        ).status_code
        == 404
    )
    assert client.post(f"{base}/submit").status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not attempt.answers.exists()


def test_an_attempt_under_another_micro_credentials_address_is_not_found(client: Client) -> None:
    learner, mc, other = make_user(), make_micro_credential(), make_micro_credential()
    client.force_login(learner)
    attempt = start_attempt(client, mc)
    assert client.get(f"/m/{other.slug}/attempts/{attempt.pk}/").status_code == 404


def test_the_earned_page_is_for_earners_only(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    assert client.get(f"/m/{mc.slug}/earned/").status_code == 404
    assert client.get(f"/m/{mc.slug}/assessment/").status_code == 200
    assert client.get(f"/m/{make_micro_credential(quiz=False).slug}/assessment/").status_code == 404


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
    attempt = start_attempt(client, mc)
    question_id = attempt.question_ids[0]

    for value in ("x", "99999999999999999999999"):
        response = client.post(
            f"/m/{mc.slug}/attempts/{attempt.pk}/questions/{question_id}/answer",
            {"choice": value},
            follow=True,
        )
        assert response.status_code == 200
        assert "does not belong to this question" in response.content.decode()
    assert not AttemptAnswer.objects.exists()


def test_a_question_outside_the_attempt_is_refused(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    attempt = start_attempt(client, mc)
    response = client.post(
        f"/m/{mc.slug}/attempts/{attempt.pk}/questions/999999/answer", {"choice": "1"}, follow=True
    )
    assert "not part of this attempt" in response.content.decode()
    assert not AttemptAnswer.objects.exists()


def test_learner_pages_need_a_login(client: Client) -> None:
    mc = make_micro_credential()
    lesson_id = mc.memberships.first().lesson_id
    for url in (
        "/me/progress/",
        f"/m/{mc.slug}/lessons/{lesson_id}/",
        f"/m/{mc.slug}/assessment/",
        f"/m/{mc.slug}/earned/",
        f"/m/{mc.slug}/attempts/1/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"/m/{mc.slug}/subscribe").status_code == 302
    assert not Enrollment.objects.exists()


def test_get_cannot_change_state(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    client.force_login(learner)
    assert client.get(f"/m/{mc.slug}/subscribe").status_code == 405
    assert client.get(f"/m/{mc.slug}/assessment/start").status_code == 405
    assert not Enrollment.objects.exists()
    assert not Attempt.objects.exists()


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
        f"/m/{mcs[0].slug}/",
        f"/m/{mcs[0].slug}/assessment/",
        f"/m/{mcs[0].slug}/attempts/{Attempt.objects.filter(learner=learner).first().pk}/",
        f"/m/{mcs[0].slug}/earned/",
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


def test_staff_can_read_attempts_in_the_admin_but_not_change_them(client: Client) -> None:
    from bitewise.accounts.models import Role

    learner, mc = make_user(), make_micro_credential()
    attempt = start_attempt(logged_in(learner), mc)
    client.force_login(make_user(role=Role.ADMIN))

    assert client.get("/admin/learning/attempt/").status_code == 200
    page = client.get(f"/admin/learning/attempt/{attempt.pk}/change/")
    assert page.status_code == 200 and 'name="score"' not in page.content.decode()
    client.post(f"/admin/learning/attempt/{attempt.pk}/change/", {"score": 100})
    attempt.refresh_from_db()
    assert attempt.score is None
    assert client.get("/admin/learning/attempt/add/").status_code == 403
