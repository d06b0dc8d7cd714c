"""Quiz explanations give the answers away: search shows one only to staff and to learners who
have answered its question, never to visitors, on the page, as-you-type or through the API."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import User
from bitewise.learning import services as learning_services
from bitewise.search.models import Document, DocumentKind
from bitewise.search.selectors import fulltext_ids, search, semantic_ids
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.tests.factories import make_catalog, make_staff
from bitewise.testing import answer_in_assessment, make_user, wrong_choice_ids

pytestmark = pytest.mark.django_db

ANSWER_WORDS = "matching principle cash basis"  # the explanations' text, nowhere else


def answered_learner() -> User:
    mc = make_catalog()
    search_index_refresh()
    learner = make_user()
    question = mc.lessons.get(title="Accruals and cut-off").questions.get()
    learning_services.enrollment_subscribe(learner=learner, micro_credential=mc)
    answer_in_assessment(learner, mc, question, wrong_choice_ids(question))
    return learner


def explanation_ids(ids: list[int]) -> list[int]:
    return list(
        Document.objects.filter(pk__in=ids, kind=DocumentKind.EXPLANATION).values_list(
            "pk", flat=True
        )
    )


def test_visitors_and_learners_who_have_not_answered_find_no_explanation() -> None:
    answered_learner()
    other = make_user()

    for user in (None, other):
        hits = search(query=ANSWER_WORDS, user=user)
        assert [h for h in hits if h.kind == DocumentKind.EXPLANATION] == []
        assert search(query="matching principle", user=user, kind="explanation") == []
        assert all("Matching principle" not in h.snippet for h in hits)


def test_neither_ranking_lets_an_explanation_through_for_a_visitor() -> None:
    answered_learner()

    for ranking in (fulltext_ids, semantic_ids):
        assert explanation_ids(ranking(query="matching principle", public_only=True)) == []


def test_a_learner_who_answered_the_question_finds_its_explanation() -> None:
    learner = answered_learner()

    hits = search(query="matching principle", user=learner, kind="explanation")

    assert [h.title for h in hits] == ["When is an accrued expense recorded?"]
    both = fulltext_ids(query="matching principle", public_only=True, learner=learner)
    assert explanation_ids(both)


def test_staff_find_every_explanation() -> None:
    answered_learner()

    assert search(query="matching principle", user=make_staff(), kind="explanation")


def test_the_api_and_suggestions_leave_explanations_out_for_visitors(client: Client) -> None:
    learner = answered_learner()

    api = client.get("/api/search", {"q": "matching principle"})
    suggest = client.get("/search/suggest", {"q": "matching principle"})
    page = client.get("/search/", {"q": "matching principle"})

    assert api.status_code == 200
    assert [h for h in api.json() if h["kind"] == "explanation"] == []
    assert [r for r in suggest.json()["results"] if r["kind"] == "explanation"] == []
    assert b"Matching principle" not in page.content
    client.force_login(learner)
    assert [h["kind"] for h in client.get("/api/search", {"q": "matching principle"}).json()] == [
        "explanation"
    ]
