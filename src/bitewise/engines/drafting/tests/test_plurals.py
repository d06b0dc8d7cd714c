"""One term whatever its number, and never two words taken for one term."""

from __future__ import annotations

import pytest

from bitewise.engines.drafting.phrases import candidates, fold, key_phrases
from bitewise.engines.drafting.related import same_kind
from bitewise.engines.drafting.words import doubtful

PLURALS = [
    ("volcanoes", "volcano"),
    ("lessons", "lesson"),
    ("policies", "policy"),
    ("boxes", "box"),
    ("classes", "class"),
    ("churches", "church"),
    ("dishes", "dish"),
    ("heroes", "hero"),
    ("causes", "cause"),
    ("caches", "cache"),
    ("headaches", "headache"),
    ("cookies", "cookie"),
    ("calories", "calorie"),
    ("shoes", "shoe"),
    ("buses", "bus"),
    ("viruses", "virus"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("menus", "menu"),
    ("topics", "topic"),
    ("children", "child"),
    ("tectonic plates", "tectonic plate"),
]
NOT_PLURALS = [
    "news",
    "this",
    "bus",
    "analysis",
    "series",
    "species",
    "glass",
    "class",
    "physics",
    "statistics",
    "bias",
    "lens",
    "diabetes",
    "status",
    "always",
]


@pytest.mark.parametrize(("plural", "singular"), PLURALS, ids=[p for p, _ in PLURALS])
def test_a_plural_folds_to_its_singular(plural: str, singular: str) -> None:
    assert fold(plural) == fold(singular) == singular


@pytest.mark.parametrize("word", NOT_PLURALS)
def test_a_word_in_s_that_is_no_plural_is_left_as_it_is(word: str) -> None:
    assert fold(word) == word


@pytest.mark.parametrize(
    ("word", "other"),
    [("news", "new"), ("series", "sery"), ("species", "specy"), ("bias", "bia")],
)
def test_distinct_words_never_fold_together(word: str, other: str) -> None:
    assert fold(word) != fold(other)


def test_a_doubted_new_leaves_the_news_trusted() -> None:
    text = "The new rules arrive today. Breaking news travels fast."

    doubted = doubtful(["new"], text)

    assert "breaking news" in candidates(text, doubted)


def test_singular_and_plural_of_a_word_in_e_are_one_key_phrase() -> None:
    text = (
        "Browser caches keep copies of pages. A cache saves time. "
        "Clear the caches when pages look stale. Each cache has a size."
    )

    (ranked,) = key_phrases([text])

    assert ("cache" in ranked) != ("caches" in ranked)


def test_a_singular_word_in_s_is_the_same_kind_as_a_singular_noun() -> None:
    assert same_kind("series", "policy")
    assert not same_kind("series", "policies")
