from __future__ import annotations

from bitewise.engines.segmentation.snap import ends_sentence, snap_cut

TEXTS = ["We begin.", "The first idea is", "simple to state.", "Next, a story", "about it!"]
STARTS = [0.0, 10.0, 20.0, 30.0, 40.0]


def test_sentence_ends_are_recognized_with_closing_quotes_and_brackets() -> None:
    assert ends_sentence("Done.") and ends_sentence('He said "stop."') and ends_sentence("Why?)")
    assert not ends_sentence("and then") and not ends_sentence("e.g")


def test_a_cut_moves_to_the_nearest_sentence_end() -> None:
    # asked for at 31 s, inside "Next, a story": unit 3 starts after "simple to state."
    assert snap_cut(STARTS, TEXTS, 31.0, lo=1, hi=4) == 3
    # asked for at 12 s: unit 1 follows "We begin." (unit 2 would split a sentence)
    assert snap_cut(STARTS, TEXTS, 12.0, lo=1, hi=4) == 1
    assert snap_cut(STARTS, TEXTS, 22.0, lo=1, hi=4) == 3  # 8 s away beats mid-sentence 2 s


def test_without_a_sentence_end_in_range_the_nearest_unit_is_used() -> None:
    assert snap_cut(STARTS, TEXTS, 21.0, lo=2, hi=2) == 2


def test_the_range_is_respected_and_an_empty_range_gives_none() -> None:
    assert snap_cut(STARTS, TEXTS, 0.0, lo=0, hi=4) == 1  # never before the first unit
    assert snap_cut(STARTS, TEXTS, 99.0, lo=1, hi=9) == 3
    assert snap_cut(STARTS, TEXTS, 10.0, lo=4, hi=3) is None


def test_ties_go_to_the_earlier_unit() -> None:
    texts = ["One.", "Two.", "Three."]
    assert snap_cut([0.0, 10.0, 20.0], texts, 15.0, lo=1, hi=2) == 1
