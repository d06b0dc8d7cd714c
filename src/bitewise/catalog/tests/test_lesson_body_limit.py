"""A lesson body over the limit comes back on the form with a message and the whole text."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson
from bitewise.catalog.models.lessons import MAX_LESSON_BODY_CHARS
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def long_body(chars: int) -> str:
    line = "A ward handover & its <b>checks</b>, one line at a time.\n"
    return (line * (chars // len(line) + 1))[: chars - 1] + "."  # no blank to strip at the end


def test_a_body_over_the_limit_is_refused_on_the_form_with_the_text_kept(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))
    body = long_body(MAX_LESSON_BODY_CHARS + 1)

    response = client.post(
        "/staff/lessons/new",
        {"title": "Handover", "kind": "text", "minutes": 3, "body_markdown": body},
    )

    assert response.status_code == 400
    page = response.text
    assert f"The lesson text is {MAX_LESSON_BODY_CHARS + 1} characters long" in page
    assert "Split it into two lessons" in page
    textarea = page[page.index('name="body_markdown"') :]
    textarea = textarea[textarea.index(">") + 1 : textarea.index("</textarea>")]
    assert html.unescape(textarea).replace("\r\n", "\n").strip("\n") == body.strip("\n")
    assert 'maxlength="' not in page[page.index('name="body_markdown"') - 200 :][:400]
    assert not Lesson.objects.exists()


def test_a_body_at_the_limit_is_saved(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post(
        "/staff/lessons/new",
        {
            "title": "Handover",
            "kind": "text",
            "minutes": 3,
            "body_markdown": long_body(MAX_LESSON_BODY_CHARS),
        },
    )

    assert response.status_code == 302
    assert len(Lesson.objects.get().body_markdown) == MAX_LESSON_BODY_CHARS


def test_the_admin_refuses_it_too(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post(
        "/admin/catalog/lesson/add/",
        {
            "slug": "handover",
            "title": "Handover",
            "kind": "text",
            "minutes": 3,
            "body_markdown": long_body(MAX_LESSON_BODY_CHARS + 1),
            "questions-TOTAL_FORMS": 0,
            "questions-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 200
    assert f"at most {MAX_LESSON_BODY_CHARS} characters" in response.text
    assert not Lesson.objects.exists()
