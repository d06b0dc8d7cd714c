"""The catalog's Django admin saves lessons and questions through the services, and the
services check the permission whoever calls them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from bitewise.accounts.models import Role, User
from bitewise.catalog import services
from bitewise.catalog.models import (
    Lesson,
    MicroCredential,
    Pathway,
    Question,
    Status,
)
from bitewise.catalog.tests.admin_forms import (
    inline,
)
from bitewise.testing import (
    make_lesson,
    make_micro_credential,
    make_user,
)

pytestmark = pytest.mark.django_db


class TestLessonsAndQuestionsSaveThroughTheServices:
    def test_a_media_lesson_without_media_is_a_form_error_not_a_crash(
        self, client: Client, author: User
    ) -> None:
        response = client.post(
            "/admin/catalog/lesson/add/",
            {
                "slug": "clip",
                "title": "Clip",
                "kind": "media",
                "minutes": 2,
                "body_markdown": "",
                **inline("questions", []),
            },
        )

        assert response.status_code == 200
        assert "An audio or video lesson needs a file or a URL." in response.content.decode()
        assert not Lesson.objects.exists()

    def test_a_lesson_edit_refreshes_its_micro_credentials_minutes(
        self, client: Client, author: User
    ) -> None:
        mc = make_micro_credential(quiz=False, lessons=1)
        lesson = mc.lessons.get()

        response = client.post(
            f"/admin/catalog/lesson/{lesson.pk}/change/",
            {
                "slug": lesson.slug,
                "title": lesson.title,
                "kind": "text",
                "minutes": 9,
                "body_markdown": "Body",
                **inline("questions", []),
            },
        )

        assert response.status_code == 302
        assert MicroCredential.objects.get(pk=mc.pk).estimated_minutes == 9

    def test_a_question_with_two_right_answers_for_one_choice_is_refused(
        self, client: Client, author: User
    ) -> None:
        lesson = make_lesson()
        rows = [{"text": "Yes", "is_correct": "on"}, {"text": "Also yes", "is_correct": "on"}]

        response = client.post(
            "/admin/catalog/question/add/",
            {
                "lesson": lesson.pk,
                "kind": "single",
                "prompt": "Which?",
                "position": 0,
                **inline("choices", [{**r, "position": i} for i, r in enumerate(rows)]),
            },
        )

        assert response.status_code == 200
        assert "exactly one correct choice" in response.content.decode()
        assert not Question.objects.exists()

    def test_a_valid_question_is_saved_with_its_choices(self, client: Client, author: User) -> None:
        lesson = make_lesson()
        rows = [{"text": "Right", "is_correct": "on"}, {"text": "Wrong"}]

        response = client.post(
            "/admin/catalog/question/add/",
            {
                "lesson": lesson.pk,
                "kind": "single",
                "prompt": "Which?",
                "position": 0,
                **inline("choices", [{**r, "position": i} for i, r in enumerate(rows)]),
            },
        )

        assert response.status_code == 302
        question = Question.objects.get()
        assert [(c.text, c.is_correct) for c in question.choices.order_by("position")] == [
            ("Right", True),
            ("Wrong", False),
        ]


class TestTheServicesCheckThePermissionWhateverTheCaller:
    def test_an_author_cannot_publish_by_calling_the_service(self) -> None:
        draft = make_micro_credential(publish=False)
        pathway = services.pathway_save(
            pathway=Pathway(title="P"), micro_credential_ids=[make_micro_credential().pk]
        )
        author = make_user(role=Role.AUTHOR)

        with pytest.raises(PermissionDenied):
            services.micro_credential_publish(micro_credential=draft, by=author)
        with pytest.raises(PermissionDenied):
            services.pathway_publish(pathway=pathway, by=author)

        assert MicroCredential.objects.get(pk=draft.pk).status == Status.DRAFT
        assert Pathway.objects.get(pk=pathway.pk).status == Status.DRAFT

    def test_a_save_never_changes_the_status(self) -> None:
        draft = make_micro_credential(publish=False)
        draft.status = Status.PUBLISHED

        with pytest.raises(ValidationError, match="only by publishing or retiring"):
            services.micro_credential_save(micro_credential=draft)
        with pytest.raises(ValidationError, match="only by publishing or retiring"):
            services.pathway_save(pathway=Pathway(title="P", status=Status.PUBLISHED))

        assert MicroCredential.objects.get(pk=draft.pk).status == Status.DRAFT
        assert not Pathway.objects.exists()

    def test_an_author_on_the_staff_pages_is_refused_by_the_service(
        self, client: Client, author: User
    ) -> None:
        draft = make_micro_credential(publish=False)

        response = client.post(f"/staff/micro-credentials/{draft.pk}/publish")

        assert response.status_code == 403
        assert MicroCredential.objects.get(pk=draft.pk).status == Status.DRAFT
