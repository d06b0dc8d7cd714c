"""A moment of a recording belongs to the lesson whose range holds it, or to the recording."""

from __future__ import annotations

import pytest

from bitewise.engines.transcripts import Placement, Span, group_passages, place
from bitewise.engines.transcripts.cues import Cue

# One recording, three lessons: two play ranges of it, one is a clip cut from 600-900 s.
SPANS = [
    Span(lesson_id=1, start=0.0, end=300.0),
    Span(lesson_id=2, start=300.0, end=540.0),
    Span(lesson_id=3, start=600.0, end=900.0, offset=600.0),
]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(0.0, Placement(1, 0.0), id="first-lesson-start"),
        pytest.param(83.0, Placement(1, 83.0), id="inside-first"),
        pytest.param(299.9, Placement(1, 299.9), id="end-is-exclusive"),
        pytest.param(300.0, Placement(2, 300.0), id="second-starts-where-first-ends"),
        pytest.param(560.0, Placement(None, 560.0), id="between-lessons"),
        pytest.param(700.0, Placement(3, 100.0), id="clip-time-from-its-own-start"),
        pytest.param(1200.0, Placement(None, 1200.0), id="after-all"),
    ],
)
def test_a_moment_is_placed_in_the_lesson_whose_range_holds_it(
    moment: float, expected: Placement
) -> None:
    assert place(moment, SPANS) == expected
    assert place(moment, list(reversed(SPANS))) == expected  # order given does not matter


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param(
            [Span(9, 0.0, None), Span(4, 300.0, 600.0)], 4, id="a-cut-beats-the-whole-recording"
        ),
        pytest.param(
            [Span(4, 300.0, 600.0, is_public=False), Span(9, 0.0, None)],
            9,
            id="a-public-lesson-beats-a-draft",
        ),
        pytest.param([Span(7, 300.0, 600.0), Span(5, 300.0, 600.0)], 5, id="same-range-lowest-id"),
        pytest.param([Span(7, 300.0, 500.0), Span(5, 300.0, 600.0)], 7, id="ends-first"),
    ],
)
def test_overlapping_ranges_resolve_the_same_way_every_time(
    spans: list[Span], expected: int
) -> None:
    assert place(400.0, spans).lesson_id == expected


def test_passages_never_span_a_lesson_boundary() -> None:
    cues = [Cue(start=i * 10.0, end=i * 10.0 + 9.5, text=f"Sentence {i}.") for i in range(30)]

    passages = group_passages(cues, breaks=[100.0, 250.0])

    for passage in passages:
        owners = {
            place(c.start, SPANS_FOR_BREAKS).lesson_id
            for c in cues
            if passage.start <= c.start < passage.end
        }
        assert len(owners) == 1
    assert [p.start for p in passages if p.start in (100.0, 250.0)] == [100.0, 250.0]
    assert " ".join(p.text for p in passages) == " ".join(c.text for c in cues)


SPANS_FOR_BREAKS = [Span(1, 0.0, 100.0), Span(2, 100.0, 250.0), Span(3, 250.0, None)]
