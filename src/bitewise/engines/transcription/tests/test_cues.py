from __future__ import annotations

from dataclasses import dataclass

from bitewise.engines.transcription.cues import HeardCue, cues_from_segments
from bitewise.engines.transcripts import Cue


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str
    words: list[Word] | None


def segment(*timed: tuple[float, float, str]) -> Segment:
    words = [Word(start, end, f" {text}") for start, end, text in timed]
    return Segment(words[0].start, words[-1].end, "".join(w.word for w in words), words)


def test_a_segment_with_two_sentences_becomes_two_cues() -> None:
    both = segment((0.0, 0.5, "Credits"), (0.5, 1.0, "expire."), (1.2, 1.6, "Renew"),
                   (1.6, 2.0, "yearly."))  # fmt: skip
    assert cues_from_segments([both], 10.0) == [
        Cue(0.0, 1.0, "Credits expire."),
        Cue(1.2, 2.0, "Renew yearly."),
    ]


def test_a_sentence_split_across_segments_is_joined() -> None:
    first = segment((0.0, 0.5, "Members"), (0.5, 1.0, "keep"))
    second = segment((1.1, 1.5, "certificates."), (1.6, 2.0, "Always."))
    assert cues_from_segments([first, second], 10.0) == [
        Cue(0.0, 1.5, "Members keep certificates."),
        Cue(1.6, 2.0, "Always."),
    ]


def test_a_long_pause_ends_a_cue_without_punctuation() -> None:
    spoken = segment((0.0, 0.5, "first"), (3.0, 3.5, "second"))
    assert [c.text for c in cues_from_segments([spoken], 10.0)] == ["first", "second"]


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    spoken = segment((0.0, 0.5, "Ask"), (0.5, 1.0, "Dr."), (1.0, 1.5, "Lee."))
    assert [c.text for c in cues_from_segments([spoken], 10.0)] == ["Ask Dr. Lee."]


def test_a_cue_never_runs_past_thirty_seconds() -> None:
    words = [(i * 1.0, i * 1.0 + 0.9, "word") for i in range(45)]
    cues = cues_from_segments([segment(*words)], 60.0)
    assert [len(c.text.split()) for c in cues] == [30, 15]


def test_a_segment_without_word_times_is_one_cue() -> None:
    plain = Segment(2.0, 4.0, " Hello there. General Kenobi.", None)
    assert cues_from_segments([plain], 10.0) == [Cue(2.0, 4.0, "Hello there. General Kenobi.")]


def test_times_stay_inside_the_recording_and_never_go_back() -> None:
    late = Segment(9.0, 12.0, "Overrun.", None)
    early = Segment(8.0, 8.5, "Earlier.", None)
    blank = Segment(9.5, 9.8, "   ", None)
    assert cues_from_segments([late, early, blank], 10.0) == [
        Cue(9.0, 10.0, "Overrun."),
        Cue(9.0, 9.0, "Earlier."),
    ]


@dataclass(frozen=True)
class HeardWord:
    start: float
    end: float
    word: str
    probability: float


def test_words_the_model_was_unsure_of_travel_with_their_cue() -> None:
    words = [
        HeardWord(0.0, 0.4, " Sourdough", 0.95),
        HeardWord(0.4, 0.8, " is", 0.99),
        HeardWord(0.8, 1.2, " levied", 0.21),
        HeardWord(1.2, 1.6, " bread.", 0.42),
        HeardWord(1.8, 2.2, " Bake", 0.97),
        HeardWord(2.2, 2.6, " it.", 0.96),
    ]
    heard = Segment(0.0, 2.6, "".join(w.word for w in words), words)  # type: ignore[arg-type]

    first, second = cues_from_segments([heard], 10.0)

    assert isinstance(first, HeardCue) and first.unsure == ("levied", "bread")
    assert first.text == "Sourdough is levied bread."
    assert not isinstance(second, HeardCue)  # every word was heard clearly
    assert second == Cue(1.8, 2.6, "Bake it.")


def test_a_segment_of_punctuation_alone_is_no_cue() -> None:
    dots = Segment(0.0, 2.0, " ...", None)
    spoken = segment((2.0, 2.5, "Hello"), (2.5, 3.0, "there."), (3.5, 4.0, "-"))

    assert cues_from_segments([dots, spoken], 10.0) == [Cue(2.0, 3.0, "Hello there.")]
