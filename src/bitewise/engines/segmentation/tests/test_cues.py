"""Spoken cues, the content-chosen number of lessons, sentence-safe cuts, bent edges and
lessons flagged as spanning two topics, on small made-up transcripts."""

from __future__ import annotations

import itertools

import pytest

from bitewise.engines.segmentation import Options, Unit, segment_units
from bitewise.engines.segmentation.cues import is_question, is_transition, sentence_ends

VOCABULARY = {
    "volcano": "magma lava crater eruption basalt mantle plate vent ash summit",
    "bread": "flour yeast dough starter oven crust loaf gluten knead bake",
    "bees": "hive nectar pollen queen worker honey comb swarm drone flower",
    "money": "interest savings deposit balance rate loan credit compound bank budget",
    "water": "ocean vapor cloud rain river glacier evaporation groundwater lake snow",
}


def topic(name: str, minutes: float, start: float, *, seconds: float = 10.0) -> list[Unit]:
    """Sentences of ten seconds each drawn from one topic's words, one after another."""
    words = itertools.cycle(VOCABULARY[name].split())
    units = []
    for i in range(round(minutes * 60 / seconds)):
        said = " ".join(next(words) for _ in range(6))
        at = start + i * seconds
        units.append(Unit(f"The {said} matters here.", at, at + seconds - 0.2))
    return units


def session(*parts: tuple[str, float]) -> tuple[list[Unit], list[float]]:
    units: list[Unit] = []
    changes = []
    at = 0.0
    for name, minutes in parts:
        if units:
            changes.append(at)
        units += topic(name, minutes, at)
        at += round(minutes * 6) * 10.0
    return units, changes


def test_transition_phrases_and_questions_are_recognized() -> None:
    for said in ("Let's move on to the budget.", "Next question: how do bees fly?",
                 "Okay, now let's talk about volunteers.", "Moving on, the agenda says",
                 "That brings us to the last item.", "Welcome back to the show.",
                 "This episode is brought to you by our members.", "We'll be right back.",
                 "And now a quick word from our sponsor.", "Joining me today is Dr. Lee.",
                 "Okay, let's dive in.", "My next guest runs a clinic."):  # fmt: skip
        assert is_transition(said), said
    for said in ("The lava moves on slowly.", "Bees carry pollen.", "I think so.",
                 "The grant is supported by the state.", "Come back with data."):  # fmt: skip
        assert not is_transition(said), said
    assert is_question("So how does the starter keep the yeast alive?")
    assert not is_question("Right?")


def test_sentence_ends_are_read_from_punctuation_unless_there_is_almost_none() -> None:
    assert sentence_ends(["We start.", "The first idea is", "simple."]) == [True, False, True]
    assert sentence_ends(["no punctuation", "in these captions", "at all"]) == [True] * 3


def test_the_number_of_lessons_follows_the_content() -> None:
    one_topic, _ = session(("volcano", 20.0))
    five_topics, changes = session(
        ("volcano", 4.0), ("bread", 4.0), ("bees", 4.0), ("money", 4.0), ("water", 4.0)
    )

    few = segment_units(one_topic)
    many = segment_units(five_topics)

    assert len(few.segments) == 3  # 20 minutes of one topic: as few 8-minute lessons as fit
    assert len(many.segments) == 5
    assert [b.time for b in many.boundaries] == pytest.approx(changes, abs=10.5)


def test_a_spoken_transition_decides_where_the_cut_goes() -> None:
    # ten minutes saying the same thing: the text cannot tell where one lesson should end
    units = [Unit("The committee reviews the budget line.", i * 10.0, i * 10.0 + 9.8)
             for i in range(60)]  # fmt: skip
    units[33] = Unit("Okay, now the committee reviews the budget line.", 330.0, 339.8)

    result = segment_units(units)

    assert [b.index for b in result.boundaries] == [33]
    assert result.boundaries[0].is_transition


def test_it_never_cuts_inside_a_sentence() -> None:
    units, _ = session(("volcano", 3.0), ("bread", 3.0))
    cut = len(topic("volcano", 3.0, 0.0))
    # the sentence that ends the first topic runs on into the first unit of the second
    units[cut - 1] = Unit("The magma and the lava", units[cut - 1].start, units[cut - 1].end)

    result = segment_units(units)

    assert len(result.segments) == 2
    assert result.boundaries[0].index != cut and result.boundaries[0].after_sentence
    assert abs(result.boundaries[0].index - cut) <= 2


def test_a_short_clean_topic_at_the_start_stands_alone_rather_than_being_glued() -> None:
    units, changes = session(("bees", 1.3), ("volcano", 6.0))

    result = segment_units(units)

    assert len(result.segments) == 2
    assert result.segments[0].minutes == pytest.approx(1.3, abs=0.05)
    assert result.boundaries[0].time == pytest.approx(changes[0])
    assert result.within_bounds


def test_topics_shorter_than_the_minimum_are_flagged_with_the_split_offered() -> None:
    units, changes = session(("volcano", 1.2), ("bread", 1.2), ("bees", 3.0))
    options = Options(edge_min_minutes=2.0)  # no bending: the first two topics must be joined

    result = segment_units(units, options=options)

    first = result.segments[0]
    assert first.minutes >= 2.0 and first.spans_topics
    assert first.suggested_split_time == pytest.approx(changes[0])
    assert first.suggested_split is not None
    assert units[first.suggested_split].start == first.suggested_split_time
    assert not result.segments[-1].spans_topics
