from __future__ import annotations

import pytest
from django.test import Client

from bitewise.catalog import services as catalog_services
from bitewise.learning import services as learning_services
from bitewise.reviews.services.cards import cards_sync
from bitewise.search.tests.factories import index_with_transcript, make_catalog, make_staff
from bitewise.testing import (
    answer_in_assessment,
    make_skill,
    make_user,
    wrong_choice_ids,
)

pytestmark = pytest.mark.django_db


def test_brush_up_lists_forgotten_items_and_one_passage(client: Client) -> None:
    skill = make_skill("Escalating clinical concerns")
    skill.description = "Call the rapid response team when the early warning score rises."
    catalog_services.skill_save(skill=skill)
    mc = make_catalog()
    for lesson in mc.lessons.all():
        catalog_services.lesson_save(lesson=lesson, skill_ids=[skill.pk])
    index_with_transcript(mc, make_staff())
    learner = make_user()
    learning_services.enrollment_subscribe(learner=learner, micro_credential=mc)
    question = mc.lessons.get(title="Accruals and cut-off").questions.get()
    answer_in_assessment(learner, mc, question, wrong_choice_ids(question))
    cards_sync(learner=learner)
    client.force_login(learner)

    response = client.get(f"/brush-up/{skill.slug}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "When is an accrued expense recorded?" in page
    assert "Predicted recall" in page
    assert "?t=83" in page  # the rapid-response passage, at its moment


def test_brush_up_needs_a_login_and_a_real_skill(client: Client) -> None:
    skill = make_skill()

    assert client.get(f"/brush-up/{skill.slug}/").status_code == 302
    client.force_login(make_user())
    assert client.get("/brush-up/no-such-skill/").status_code == 404
    assert client.get(f"/brush-up/{skill.slug}/").status_code == 200
