from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from bitewise.search.models import Document, DocumentKind
from bitewise.search.selectors import fulltext_ids, search
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.tests.factories import index_with_transcript, make_catalog, make_staff
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def test_refresh_indexes_lessons_and_explanations_then_costs_nothing() -> None:
    make_catalog()

    first = search_index_refresh()
    second = search_index_refresh()

    assert first == 4  # three lessons and one question
    assert second == 0
    kinds = sorted(Document.objects.values_list("kind", flat=True))
    assert kinds == ["explanation", "lesson", "lesson", "lesson"]


def test_refresh_picks_up_an_edit_and_a_removed_lesson() -> None:
    from bitewise.catalog import services as catalog_services

    mc = make_catalog()
    search_index_refresh()
    lesson = mc.lessons.get(title="Accruals and cut-off")
    lesson.body_markdown = "Prepayments are assets until consumed."
    catalog_services.lesson_save(lesson=lesson)

    assert search_index_refresh() == 1
    assert search(query="prepayments", user=None)[0].title == "Accruals and cut-off"
    keep = mc.lessons.exclude(pk=lesson.pk).values_list("pk", flat=True)
    catalog_services.micro_credential_set_lessons(micro_credential=mc, lesson_ids=list(keep))

    assert search_index_refresh() == 2  # the lesson and its question
    assert not Document.objects.filter(lesson=lesson).exists()


@pytest.mark.parametrize("query", ["accruals", "accru", "cut-off invoices", "ACCRUALS!"])
def test_full_text_finds_lessons_on_this_database(query: str) -> None:
    make_catalog()
    search_index_refresh()

    ids = fulltext_ids(query=query, public_only=True)

    titles = list(Document.objects.filter(pk__in=ids).values_list("title", flat=True))
    assert "Accruals and cut-off" in titles
    assert "Writing a tight SBAR" not in titles


def test_full_text_stems_words_and_ignores_query_syntax() -> None:
    make_catalog()
    search_index_refresh()

    assert fulltext_ids(query="recommendations ", public_only=True)  # stemmed to recommend
    assert fulltext_ids(query='" OR ( NEAR * -', public_only=True) == []


def test_explanations_are_found_by_staff_and_link_to_the_question() -> None:
    make_catalog()
    search_index_refresh()

    hits = search(query="matching principle", user=make_staff(), kind=DocumentKind.EXPLANATION)

    assert hits[0].title == "When is an accrued expense recorded?"
    assert "#question-" in hits[0].url


def test_drafts_are_hidden_from_learners_but_found_by_staff() -> None:
    make_catalog(publish=False)
    search_index_refresh()

    assert search(query="accruals", user=make_user()) == []
    assert search(query="accruals", user=None) == []
    assert search(query="accruals", user=make_staff())[0].title == "Accruals and cut-off"


def test_publishing_makes_a_draft_findable_after_refresh() -> None:
    from bitewise.catalog import services as catalog_services

    mc = make_catalog(publish=False)
    search_index_refresh()
    catalog_services.micro_credential_publish(micro_credential=mc, by=None)

    assert search_index_refresh() > 0
    assert search(query="accruals", user=None)


def test_passage_hit_links_to_the_moment_in_the_recording() -> None:
    mc = make_catalog()
    index_with_transcript(mc, make_staff())

    hits = search(query="rapid response team", user=None, kind=DocumentKind.PASSAGE)

    assert hits[0].start_seconds == 83
    assert hits[0].url.endswith("?t=83")


def test_hybrid_search_finds_by_meaning_what_full_text_misses() -> None:
    make_catalog()
    search_index_refresh()
    query = "accounting for costs"  # neither word is in any lesson

    assert fulltext_ids(query=query + " ", public_only=True) == []
    titles = [h.title for h in search(query=query + " ", user=None)]
    assert titles and titles[0] in ("Accruals and cut-off", "When is an accrued expense recorded?")


def test_blank_and_unknown_kind_give_nothing() -> None:
    make_catalog()
    search_index_refresh()

    assert search(query="   ", user=None) == []
    assert search(query="accruals", user=None, kind="podcast") == []


def test_the_vector_matrix_follows_edits_and_deletions_incrementally() -> None:
    from bitewise.catalog import services as catalog_services
    from bitewise.search import matrix

    matrix.forget()
    mc = make_catalog()
    search_index_refresh()
    before = matrix.loaded()
    lesson = mc.lessons.get(title="Accruals and cut-off")
    keep = mc.lessons.exclude(pk=lesson.pk).values_list("pk", flat=True)
    catalog_services.micro_credential_set_lessons(micro_credential=mc, lesson_ids=list(keep))
    sbar = mc.lessons.get(title="Writing a tight SBAR")
    sbar.body_markdown = "Prepayments are assets until consumed."
    catalog_services.lesson_save(lesson=sbar)
    search_index_refresh()

    after = matrix.loaded()

    assert len(after.ids) == len(before.ids) - 2  # the lesson and its question are gone
    assert after.version != before.version
    row = int(np.where(after.ids == Document.objects.get(lesson=sbar, kind="lesson").pk)[0][0])
    assert row >= 0
    fresh = matrix._rows(None)
    assert np.array_equal(fresh.ids, after.ids)
    assert np.array_equal(fresh.matrix, after.matrix)
    assert np.array_equal(fresh.public, after.public)


def test_a_refresh_already_running_is_not_run_twice() -> None:
    from django.utils import timezone

    from bitewise.search.models import IndexState

    make_catalog()
    IndexState.objects.create(pk=1, claimed_at=timezone.now())

    assert search_index_refresh() == 0
    assert not Document.objects.exists()
    IndexState.objects.filter(pk=1).update(claimed_at=timezone.now() - timedelta(hours=1))
    assert search_index_refresh() == 4  # a crashed runner's claim lapses
    assert IndexState.objects.get(pk=1).claimed_at is None
