from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from bitewise.engines.segmentation import Options, Unit, hashed_tfidf, segment_units

DATA = Path(__file__).parent / "data"


def three_topics() -> list[Unit]:
    raw = json.loads((DATA / "three_topics.json").read_text())["units"]
    return [Unit(u["text"], u["start"], u["end"], u["speaker"]) for u in raw]


def flat(count: int, seconds: float = 10.0, gap: float = 0.2) -> list[Unit]:
    """One topic throughout, evenly timed: only the bounds and pauses can decide the cuts."""
    return [
        Unit(
            "the committee reviews the budget line",
            i * (seconds + gap),
            i * (seconds + gap) + seconds,
        )
        for i in range(count)
    ]


def test_it_cuts_a_transcript_with_obvious_topics_at_their_edges() -> None:
    result = segment_units(three_topics(), options=Options(cut_threshold=0.5))

    assert [b.index for b in result.boundaries] == [8, 16]
    assert result.is_timed and result.within_bounds


def test_it_finds_the_topic_edges_from_the_text_alone() -> None:
    units = [replace(u, speaker="") for u in three_topics()]
    untimed = [replace(u, start=None, end=None) for u in units]

    result = segment_units(untimed, options=Options(min_minutes=0.5, cut_threshold=0.5))

    assert [b.index for b in result.boundaries] == [8, 16]
    assert not result.is_timed
    assert all(not b.is_pause and not b.is_speaker_change for b in result.boundaries)


def test_each_boundary_explains_itself() -> None:
    result = segment_units(three_topics(), options=Options(cut_threshold=0.5))

    first = result.boundaries[0]
    assert first.is_pause and first.pause == pytest.approx(3.0)
    assert first.is_speaker_change
    assert first.depth > 0 and first.similarity < 1
    assert first.score > first.depth / 10  # depth relative to the mean dip, plus the bonuses
    assert first.time == three_topics()[8].start


@pytest.mark.parametrize(
    ("minimum", "maximum"), [(2.0, 8.0), (1.0, 3.0), (0.5, 1.0), (3.0, 3.5)], ids=str
)
def test_every_segment_lasts_within_the_bounds(minimum: float, maximum: float) -> None:
    units = flat(150)  # 25.5 minutes

    result = segment_units(units, options=Options(min_minutes=minimum, max_minutes=maximum))

    assert result.within_bounds
    assert all(minimum <= s.minutes <= maximum for s in result.segments)
    assert [s.first for s in result.segments[1:]] == [b.index for b in result.boundaries]
    assert result.segments[-1].stop == len(units)


def test_it_prefers_a_pause_when_the_text_does_not_decide() -> None:
    units = flat(60)  # 10 minutes: one cut somewhere between minutes 2 and 8
    later = [Unit(u.text, i * 10.2 + 4, i * 10.2 + 14) for i, u in enumerate(units) if i >= 25]
    units = units[:25] + later  # four seconds of silence before unit 25

    result = segment_units(units, options=Options(max_minutes=8.0))

    assert [b.index for b in result.boundaries] == [25]
    assert result.boundaries[0].is_pause


def test_untimed_units_last_as_long_as_their_words_at_150_per_minute() -> None:
    units = [Unit(" ".join(["word"] * 150)) for _ in range(12)]  # a minute each

    result = segment_units(units, options=Options(min_minutes=3, max_minutes=4))

    assert [s.stop - s.first for s in result.segments] in ([4, 4, 4], [3, 3, 3, 3])
    assert result.segments[-1].end == pytest.approx(12 * 60)


def test_it_is_deterministic() -> None:
    units = three_topics() * 3

    assert segment_units(units) == segment_units(units)


def test_empty_and_single_unit_transcripts() -> None:
    assert segment_units([]).segments == ()
    single = segment_units([Unit("Welcome.", 0.0, 2.0)])
    assert len(single.segments) == 1 and single.boundaries == ()
    assert not single.within_bounds  # two seconds is shorter than any lesson may be


def test_a_unit_longer_than_the_maximum_stands_alone() -> None:
    units = [*flat(30), Unit("a long monologue", 310.0, 1000.0), *flat(3)]
    units[-3:] = [replace(u, start=1001.0 + i, end=1001.5 + i) for i, u in enumerate(units[-3:])]

    result = segment_units(units, options=Options(min_minutes=1, max_minutes=4))

    assert not result.within_bounds
    assert sum(s.stop - s.first for s in result.segments) == len(units)
    assert any(s.first <= 30 < s.stop and s.minutes > 4 for s in result.segments)


def test_it_uses_the_given_embedding_and_checks_its_shape() -> None:
    calls: list[int] = []

    def embed(texts: Sequence[str]) -> npt.NDArray[np.float64]:
        calls.append(1)
        return hashed_tfidf(texts)

    units = three_topics()
    assert segment_units(units, embed) == segment_units(units)
    assert calls == [1]
    with pytest.raises(ValueError, match="one vector per unit"):
        segment_units(units, vectors=np.zeros((3, 4)))


def test_options_refuse_inverted_bounds() -> None:
    with pytest.raises(ValueError):
        Options(min_minutes=5, max_minutes=2)
