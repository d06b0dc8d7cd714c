"""The lesson and progress pages keep parts in the shared cache: a page seen again costs
only the user's row, and every write that should change a page does, at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bitewise.accounts.models import Role
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import Lesson, MicroCredential
from bitewise.learning import services
from bitewise.testing import (
    earn,
    make_micro_credential,
    make_pathway,
    make_user,
    take_assessment,
)

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def lessons(mc: MicroCredential) -> list[Lesson]:
    return [m.lesson for m in mc.memberships.order_by("position")]


def lesson_url(mc: MicroCredential, lesson: Lesson) -> str:
    return f"/m/{mc.slug}/lessons/{lesson.pk}/"


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def queries_for(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


# --- what a page seen again costs -------------------------------------------------------


def test_a_lesson_seen_again_reads_only_the_user(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    client = logged_in(learner)
    url = lesson_url(mc, lessons(mc)[1])
    first = queries_for(client, url)
    # The user, the micro-credential and its skills, its lesson ids, the lesson, its
    # question count, then the learner's completions and subscription. The access rules
    # were read into the cache by the subscription's own check.
    assert len(first) == 8, first
    with django_assert_num_queries(1):  # the user; the session and the rules are cached
        client.get(url)
    # Another learner on the same lesson shares its learner-independent part.
    other = logged_in(make_user())
    assert len(queries_for(other, url)) == 3  # the user, completions, subscription


def test_progress_seen_again_reads_only_the_user(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    for mc in [make_micro_credential() for _ in range(3)]:
        earn(learner, mc)
    client = logged_in(learner)
    page(client, "/me/progress/")
    with django_assert_num_queries(1):
        client.get("/me/progress/")


# --- the lesson page: every write that changes it ---------------------------------------


def test_the_lesson_page_follows_the_learners_writes() -> None:
    learner, mc = make_user(), make_micro_credential()
    first, second = lessons(mc)[:2]
    client = logged_in(learner)
    url = lesson_url(mc, first)
    assert "You are not subscribed" in page(client, url)

    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    html = page(client, url)
    assert "You are not subscribed" not in html
    assert 'class="badge-earned">Done' not in html

    services.lesson_complete(learner=learner, lesson=first)
    assert 'class="badge-earned">Done' in page(client, url)
    assert 'class="badge-earned">Done' not in page(client, lesson_url(mc, second))

    services.enrollment_unsubscribe(learner=learner, micro_credential=mc)
    assert "You are not subscribed" in page(client, url)


def test_completing_on_the_web_shows_done_on_the_way_back(client: Client) -> None:
    learner, mc = make_user(), make_micro_credential()
    first = lessons(mc)[0]
    client.force_login(learner)
    client.post(f"/m/{mc.slug}/subscribe")
    assert 'class="badge-earned">Done' not in page(client, lesson_url(mc, first))
    client.post(f"/m/{mc.slug}/lessons/{first.pk}/complete")
    assert 'class="badge-earned">Done' in page(client, lesson_url(mc, first))


def test_the_lesson_page_follows_catalog_edits() -> None:
    learner, mc = make_user(), make_micro_credential()
    first, second, third = lessons(mc)[:3]
    client = logged_in(learner)
    url = lesson_url(mc, second)
    assert "Lesson 2 of 4" in page(client, url)

    second.title = "Handing over a patient"
    second.body_markdown = "Say **who**, then *what*."
    catalog_services.lesson_save(lesson=second)
    html = page(client, url)
    assert "<h1>Handing over a patient</h1>" in html
    assert "Say <strong>who</strong>, then <em>what</em>." in html

    catalog_services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[second.pk, first.pk, third.pk]
    )
    html = page(client, url)
    assert "Lesson 1 of 3" in html
    assert "← Previous" not in html

    mc.title = "Safe handoffs"
    catalog_services.micro_credential_save(micro_credential=mc)
    assert "← Safe handoffs" in page(client, url)

    catalog_services.micro_credential_retire(micro_credential=mc, by=None)
    assert client.get(url).status_code == 404


def test_a_lesson_removed_from_its_micro_credential_is_no_longer_found_there() -> None:
    learner, mc = make_user(), make_micro_credential()
    first, second = lessons(mc)[:2]
    client = logged_in(learner)
    page(client, lesson_url(mc, second))
    catalog_services.micro_credential_set_lessons(micro_credential=mc, lesson_ids=[first.pk])
    assert client.get(lesson_url(mc, second)).status_code == 404


def test_staff_see_a_draft_lesson_that_learners_do_not() -> None:
    mc = make_micro_credential(publish=False)
    url = lesson_url(mc, lessons(mc)[0])
    assert logged_in(make_user()).get(url).status_code == 404
    staff = logged_in(make_user(role=Role.AUTHOR))
    assert staff.get(url).status_code == 200
    # The learner's 404 was not kept: once published, the lesson opens.
    catalog_services.micro_credential_publish(micro_credential=mc, by=None)
    assert logged_in(make_user()).get(url).status_code == 200


def test_one_learners_lesson_progress_is_not_shown_to_another() -> None:
    mc = make_micro_credential()
    first = lessons(mc)[0]
    done, fresh = make_user(), make_user()
    services.enrollment_subscribe(learner=done, micro_credential=mc)
    services.lesson_complete(learner=done, lesson=first)
    assert 'class="badge-earned">Done' in page(logged_in(done), lesson_url(mc, first))
    assert 'class="badge-earned">Done' not in page(logged_in(fresh), lesson_url(mc, first))


# --- the progress page: every write that changes it -------------------------------------


def test_the_progress_page_follows_the_learners_writes() -> None:
    learner, mc = make_user(), make_micro_credential(pass_percent=100)
    client = logged_in(learner)
    assert "You have not subscribed to anything yet" in page(client, "/me/progress/")

    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    assert "0 of 4 lessons" in page(client, "/me/progress/")

    for lesson in lessons(mc):
        services.lesson_complete(learner=learner, lesson=lesson)
    html = page(client, "/me/progress/")
    assert "4 of 4 lessons" in html
    assert "Assessment not taken yet" in html

    take_assessment(learner, mc, correctly=False)
    html = page(client, "/me/progress/")
    assert "Best assessment score 0%" in html
    assert "Not passed yet" in html

    services.enrollment_unsubscribe(learner=learner, micro_credential=mc)
    assert "Unsubscribed — progress kept" in page(client, "/me/progress/")


def test_the_progress_page_shows_an_award_earned_granted_or_granted_in_bulk() -> None:
    earner, granted, bulk = make_user(), make_user(), make_user()
    mc = make_micro_credential()
    clients = {user.pk: logged_in(user) for user in (earner, granted, bulk)}
    for user in (earner, granted, bulk):
        services.enrollment_subscribe(learner=user, micro_credential=mc)
        assert "Earned" not in page(clients[user.pk], "/me/progress/")

    earn(earner, mc)
    services.award_grant(learner=granted, micro_credential=mc, granted_by=None)
    services.award_grant_many(learners=[bulk], micro_credential=mc, granted_by=None)
    for user in (earner, granted, bulk):
        assert 'class="badge-earned">Earned' in page(clients[user.pk], "/me/progress/")


def test_the_progress_page_follows_catalog_edits_and_pathways() -> None:
    learner, mc = make_user(), make_micro_credential()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    client = logged_in(learner)
    assert "Pathways" not in page(client, "/me/progress/")

    mc.title = "Safe handoffs"
    catalog_services.micro_credential_save(micro_credential=mc)
    assert "Safe handoffs" in page(client, "/me/progress/")

    pathway = make_pathway([mc, make_micro_credential()])
    html = page(client, "/me/progress/")
    assert pathway.title in html
    assert "0 of 2 micro-credentials held" in html

    earn(learner, mc)
    assert "1 of 2 micro-credentials held" in page(client, "/me/progress/")


def test_one_learners_progress_page_is_not_shown_to_another() -> None:
    mc = make_micro_credential()
    earner, other = make_user(), make_user()
    earn(earner, mc)
    assert mc.title in page(logged_in(earner), "/me/progress/")
    assert mc.title not in page(logged_in(other), "/me/progress/")


def test_progress_follows_a_revocation_and_a_reinstatement(  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,
) -> None:
    from bitewise.credentials.models import IssuedCredential
    from bitewise.credentials.services.revocation import credential_reinstate, credential_revoke

    learner, mc = make_user(), make_micro_credential()
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, mc)
    client = logged_in(learner)
    assert "Badge revoked" not in page(client, "/me/progress/")
    credential = IssuedCredential.objects.get(learner=learner, award__micro_credential=mc)
    staff = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(staff)
    credential_revoke(credential=credential, by=staff, reason="Awarded in error")
    assert "Badge revoked" in page(client, "/me/progress/")
    credential_reinstate(credential=credential, by=staff, reason="Appeal upheld")
    assert "Badge revoked" not in page(client, "/me/progress/")
