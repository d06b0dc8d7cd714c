"""Catalog and staff pages over HTTP: filters, bad input, roles, sanitization on render."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson, MicroCredential, Question, Skill, Status
from bitewise.testing import make_micro_credential, make_skill, make_user

pytestmark = pytest.mark.django_db


def test_anyone_can_browse_and_filter_the_catalog(client: Client) -> None:
    nursing = make_skill("Nursing")
    wanted = make_micro_credential(skills=[nursing], title="Safe handover")
    make_micro_credential(title="Variance analysis")
    make_micro_credential(publish=False, title="Secret draft")

    page = client.get("/").content.decode()
    assert "Safe handover" in page and "Variance analysis" in page and "Secret draft" not in page
    filtered = client.get(f"/?skill={nursing.slug}").content.decode()
    assert "Safe handover" in filtered and "Variance analysis" not in filtered
    assert client.get(f"/m/{wanted.slug}/").status_code == 200


@pytest.mark.parametrize(
    "query", ["max_minutes=-3", "max_minutes=lots", "min_credits=abc", "level=wizard", "skill=nope"]
)
def test_bad_filters_get_a_400_with_the_form_errors(client: Client, query: str) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_drafts_are_not_found_for_learners_but_visible_to_staff(client: Client) -> None:
    draft = make_micro_credential(publish=False)
    client.force_login(make_user())
    assert client.get(f"/m/{draft.slug}/").status_code == 404
    client.force_login(make_user(role=Role.AUTHOR))
    assert client.get(f"/m/{draft.slug}/").status_code == 200


def test_unknown_pages_are_a_friendly_404(client: Client) -> None:
    response = client.get("/m/does-not-exist/")
    assert response.status_code == 404
    assert "could not find" in response.content.decode()


def test_lesson_html_is_sanitized_again_at_render(client: Client) -> None:
    mc = make_micro_credential(quiz=False)
    lesson = mc.memberships.first().lesson
    Lesson.objects.filter(pk=lesson.pk).update(body_html="<p>ok</p><script>alert(1)</script>")
    learner = make_user()
    client.force_login(learner)
    page = client.get(f"/m/{mc.slug}/lessons/{lesson.pk}/").content.decode()
    assert "<p>ok</p>" in page and "alert(1)" not in page


class TestStaffPages:
    urls = [
        "/staff/",
        "/staff/lessons/new",
        "/staff/skills/new",
        "/staff/micro-credentials/new",
        "/staff/pathways/new",
    ]

    @pytest.mark.parametrize("url", urls)
    def test_learners_are_refused(self, client: Client, url: str) -> None:
        client.force_login(make_user())
        assert client.get(url).status_code == 403

    @pytest.mark.parametrize("url", urls)
    def test_anonymous_visitors_are_sent_to_log_in(self, client: Client, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_learner_cannot_post_to_staff_forms(self, client: Client) -> None:
        client.force_login(make_user())
        response = client.post("/staff/skills/new", {"name": "Hack", "slug": "hack"})
        assert response.status_code == 403
        assert not Skill.objects.exists()

    def test_an_author_creates_a_lesson_with_sanitized_markdown_and_a_question(
        self, client: Client
    ) -> None:
        client.force_login(make_user(role=Role.AUTHOR))
        response = client.post(
            "/staff/lessons/new",
            {
                "title": "Hand hygiene",
                "kind": "text",
                "minutes": 3,
                "body_markdown": "**Wash** <iframe src=x></iframe><img src=x onerror=alert(1)>",
            },
        )
        lesson = Lesson.objects.get()
        assert response.status_code == 302
        assert "<strong>Wash</strong>" in lesson.body_html
        assert "iframe" not in lesson.body_html and "onerror" not in lesson.body_html

        form = {
            "kind": "single",
            "prompt": "How long to rub?",
            "position": 0,
            "choices-TOTAL_FORMS": 4,
            "choices-INITIAL_FORMS": 0,
            "choices-MIN_NUM_FORMS": 0,
            "choices-MAX_NUM_FORMS": 6,
            "choices-0-text": "20 seconds",
            "choices-0-is_correct": "on",
            "choices-0-explanation": "Twenty seconds covers every surface.",
            "choices-1-text": "2 seconds",
            "choices-1-explanation": "Too short.",
        }
        assert client.post(f"/staff/lessons/{lesson.pk}/questions/new", form).status_code == 302
        question = Question.objects.get()
        assert [c.text for c in question.choices.all()] == ["20 seconds", "2 seconds"]

    def test_a_bad_lesson_form_is_a_400_and_saves_nothing(self, client: Client) -> None:
        client.force_login(make_user(role=Role.AUTHOR))
        response = client.post("/staff/lessons/new", {"title": "", "kind": "media", "minutes": 30})
        assert response.status_code == 400
        assert not Lesson.objects.exists()

    def test_an_author_builds_and_orders_a_micro_credential_but_cannot_publish(
        self, client: Client
    ) -> None:
        author = make_user(role=Role.AUTHOR)
        client.force_login(author)
        a, b = (Lesson.objects.create(title=t, slug=t, minutes=4) for t in ("a", "b"))
        response = client.post(
            "/staff/micro-credentials/new",
            {
                "title": "Handover",
                "level": "foundation",
                "ce_credits": "1.0",
                "pass_percent": 80,
                "order-lesson_ids": f"{b.pk},{a.pk}",
            },
        )
        mc = MicroCredential.objects.get()
        assert response.status_code == 302
        assert [m.lesson_id for m in mc.memberships.order_by("position")] == [b.pk, a.pk]
        assert mc.estimated_minutes == 8

        assert client.post(f"/staff/micro-credentials/{mc.pk}/publish").status_code == 403
        assert MicroCredential.objects.get().status == Status.DRAFT

        client.force_login(make_user(role=Role.ADMIN))
        client.post(f"/staff/micro-credentials/{mc.pk}/publish")
        assert MicroCredential.objects.get().status == Status.PUBLISHED

    def test_bad_lesson_ids_in_the_order_are_refused(self, client: Client) -> None:
        client.force_login(make_user(role=Role.AUTHOR))
        response = client.post(
            "/staff/micro-credentials/new",
            {
                "title": "X",
                "level": "foundation",
                "ce_credits": "0",
                "pass_percent": 80,
                "order-lesson_ids": "1,abc",
            },
        )
        assert response.status_code == 400
        assert not MicroCredential.objects.exists()


class TestDjangoAdmin:
    def test_learners_cannot_open_the_admin(self, client: Client) -> None:
        client.force_login(make_user())
        assert client.get("/admin/catalog/lesson/").status_code == 302

    def test_authors_edit_the_catalog_but_not_people(self, client: Client) -> None:
        client.force_login(make_user(role=Role.AUTHOR))
        assert client.get("/admin/catalog/lesson/").status_code == 200
        assert client.get("/admin/accounts/user/").status_code == 403

    def test_saving_a_lesson_in_the_admin_sanitizes_it(self, client: Client) -> None:
        client.force_login(make_user(role=Role.ADMIN))
        response = client.post(
            "/admin/catalog/lesson/add/",
            {
                "slug": "x",
                "title": "X",
                "kind": "text",
                "minutes": 2,
                "body_markdown": "<script>alert(1)</script>Body",
                "questions-TOTAL_FORMS": 0,
                "questions-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert "<script" not in Lesson.objects.get().body_html


def test_a_visitors_cached_catalog_shows_a_publish_at_once(client: Client) -> None:
    make_micro_credential(title="First course")
    assert "First course" in client.get("/").content.decode()
    assert "Second course" not in client.get("/").content.decode()  # served from the cache

    make_micro_credential(title="Second course")

    assert "Second course" in client.get("/").content.decode()


def test_a_logged_in_learner_is_never_served_the_visitors_page(client: Client) -> None:
    make_micro_credential(title="Course")
    client.get("/")
    learner = make_user()
    client.force_login(learner)
    page = client.get("/").content.decode()
    assert "Log out" in page and "Sign up" not in page
