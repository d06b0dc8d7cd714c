from __future__ import annotations

from bitewise.engines.drafting import distractors_for

TEXT = "Closed-loop communication means the receiver repeats the order back."


def test_terms_the_segment_mentions_or_that_repeat_are_left_out() -> None:
    pool = ["receiver", "handoff", "Handoff", "SBAR", "closed-loop communication", "read-back"]
    assert distractors_for("repeats", TEXT, pool, 3) == ["handoff", "SBAR", "read-back"]


def test_the_count_is_a_maximum_and_case_follows_the_answer() -> None:
    assert distractors_for("Receiver", TEXT, ["handoff", "triage"], 1) == ["Handoff"]
    assert distractors_for("receiver", TEXT, [], 3) == []
