"""A transcript without punctuation (automatic captions) is cut into sentence-sized pieces,
so its lessons get summaries and questions instead of one run of words."""

from __future__ import annotations

import re

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.unpunctuated import (
    MAX_WORDS,
    MIN_WORDS,
    is_unpunctuated,
    spoken_sentences,
)

VOLCANOES = (
    "volcanoes form where molten rock from deep inside the earth reaches the surface "
    "that molten rock is called magma while it is underground and lava once it pours out "
    "most volcanoes sit along the edges of tectonic plates the huge slabs of rock that make "
    "up the outer shell of our planet where two plates pull apart magma rises to fill the gap "
    "so how do we know a volcano is about to erupt scientists watch for small earthquakes "
    "and for the ground swelling as magma gathers below and they measure the gases that "
    "escape from vents because a rise in sulfur dioxide often comes before an eruption "
    "now the ring of fire around the pacific ocean holds most of the active volcanoes on "
    "earth because the pacific plate sinks under its neighbours there"
)


def _unpunctuated(text: str) -> str:
    return re.sub(r"[^\w\s']", "", text).lower()


def test_only_a_transcript_without_sentence_ends_is_cut_so() -> None:
    assert is_unpunctuated(VOLCANOES)
    assert not is_unpunctuated("Volcanoes form at plate boundaries. " * 20)
    assert not is_unpunctuated("volcanoes form at plate boundaries")  # too short to tell


def test_pieces_are_sentence_sized_and_cut_where_speech_opens_one() -> None:
    pieces = spoken_sentences(VOLCANOES)

    assert " ".join(p[:-1] for p in pieces) == VOLCANOES  # every word, in order, once
    assert all(MIN_WORDS <= len(p.split()) <= MAX_WORDS for p in pieces)
    assert all(p.endswith((".", "?")) for p in pieces)
    assert "so how do we know a volcano is about to erupt scientists watch for small " in (
        " ".join(pieces)
    )
    assert any(p.startswith("now the ring of fire") for p in pieces)
    assert any(p.startswith("so how do we know") for p in pieces)
    # no piece stops on a word that leaves a phrase hanging
    assert not any(p[:-1].rsplit(" ", 1)[-1] in {"the", "of", "a", "to"} for p in pieces)


def test_a_long_run_with_no_opener_is_cut_without_a_dangling_word() -> None:
    run = " ".join(["magma rises through the crust of the earth"] * 8)
    pieces = spoken_sentences(run)
    assert all(len(p.split()) <= MAX_WORDS for p in pieces)
    assert all(p[:-1].rsplit(" ", 1)[-1] not in {"the", "of", "through"} for p in pieces)


def test_an_unpunctuated_lesson_gets_a_summary_and_questions() -> None:
    bees = _unpunctuated(
        "Honey bees carry pollen from flower to flower. The colony turns nectar into honey "
        "inside the hive. Workers build wax comb and guard the entrance. So how do bees find "
        "flowers? A forager performs a waggle dance on the comb. The angle of the dance tells "
        "the other bees the direction of the flowers. The queen lays the eggs of the colony. "
    )
    drafts = draft_segments([VOLCANOES, bees * 2])

    volcano = drafts[0]
    assert volcano.questions, "no questions from an unpunctuated lesson"
    assert 0 < len(volcano.summary.split()) <= 3 * MAX_WORDS
    for question in volcano.questions:
        sentence = question.prompt.split(": ", 1)[1]
        assert len(sentence.split()) <= MAX_WORDS + 1
