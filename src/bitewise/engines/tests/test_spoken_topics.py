"""A spoken recording of four unrelated topics, each a little over two minutes (espeak-ng reads
passages written for these tests), heard by the packaged speech model, cut by the segmentation
engine with its default bounds and drafted: four lessons cut at the topic changes, titled in
plain words, with usable questions. The same transcript with every topic shortened to about a
minute gives lessons flagged as spanning two topics, with the split offered."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.phrases import find, fold, is_content
from bitewise.engines.drafting.related import Related
from bitewise.engines.segmentation import Segmentation, Unit, segment_units
from bitewise.engines.transcription import PACKAGED, SAMPLE_RATE, HeardCue, transcribe
from bitewise.engines.transcripts import Cue

DATA = Path(__file__).parent / "data"
MODEL = Path(__file__).resolve().parents[1] / "embeddings" / "model"
TOPIC_WORDS = [("volcano",), ("sourdough", "yeast", "bread", "dough"), ("bee", "honey"),
               ("interest",)]  # fmt: skip
TOLERANCE = 30.0  # seconds, as the held-out scoring allows

# Nine minutes of speech made and heard by the real model: `make test-engines-slow`.
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Heard:
    cues: tuple[Cue, ...]
    changes: tuple[float, ...]  # when topics 2, 3 and 4 start, in seconds


def speak(text: str, path: Path) -> np.typing.NDArray[np.float32]:
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "130", "-w", str(path), text], check=True, timeout=120
    )
    raw = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-ac", "1", "-ar",
         str(SAMPLE_RATE), "-f", "f32le", "-"],
        check=True, capture_output=True, timeout=120,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype=np.float32)


@pytest.fixture(scope="module")
def related() -> Related:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from model2vec import StaticModel

    return Related.from_static_model(StaticModel.from_pretrained(str(MODEL)))


@pytest.fixture(scope="module")
def heard(tmp_path_factory: pytest.TempPathFactory) -> Heard:
    folder = tmp_path_factory.mktemp("speech")
    topics = json.loads((DATA / "four_topics.json").read_text())["topics"]
    parts = [speak(t["text"], folder / f"{n}.wav") for n, t in enumerate(topics)]
    assert all(len(p) / SAMPLE_RATE > 120 for p in parts)  # each a little over two minutes
    starts = np.cumsum([len(p) for p in parts])[:-1] / SAMPLE_RATE
    transcript = transcribe(np.concatenate(parts), model_spec=PACKAGED, cache_dir=folder / "models")
    return Heard(cues=transcript.cues, changes=tuple(float(s) for s in starts))


def embedded_units(cues: tuple[Cue, ...], related: Related) -> tuple[list[Unit], np.ndarray]:
    """Units and their vectors from the shipped sentence model, as the repurposing app does."""
    units = [Unit(c.text, c.start, c.end, c.speaker) for c in cues]
    vectors = np.asarray(related.embed([u.text for u in units]), dtype=np.float64)
    return units, vectors


def lesson_texts(cues: tuple[Cue, ...], result: Segmentation) -> list[str]:
    return [" ".join(c.text for c in cues[s.first : s.stop]) for s in result.segments]


def unsure_words(cues: tuple[Cue, ...], result: Segmentation) -> list[list[str]]:
    return [
        [w for c in cues[s.first : s.stop] if isinstance(c, HeardCue) for w in c.unsure]
        for s in result.segments
    ]


def test_four_unrelated_topics_become_four_lessons_cut_at_the_topic_changes(
    heard: Heard, related: Related
) -> None:
    units, vectors = embedded_units(heard.cues, related)

    result = segment_units(units, vectors=vectors)

    assert len(result.segments) == 4
    cut_times = [b.time for b in result.boundaries]
    for cut, change in zip(cut_times, heard.changes, strict=True):
        assert abs(cut - change) <= TOLERANCE
    for boundary in result.boundaries:  # a cut never splits a sentence
        assert boundary.after_sentence
        assert heard.cues[boundary.index - 1].text.rstrip().endswith((".", "!", "?"))
    assert all(not s.spans_topics for s in result.segments)


def test_each_lesson_is_titled_in_plain_words_with_questions_worth_keeping(
    heard: Heard, related: Related
) -> None:
    units, vectors = embedded_units(heard.cues, related)
    result = segment_units(units, vectors=vectors)
    texts = lesson_texts(heard.cues, result)
    unsure = unsure_words(heard.cues, result)

    drafts = draft_segments(texts, unsure=unsure, related=related)

    for draft, words, text, doubt in zip(drafts, TOPIC_WORDS, texts, unsure, strict=True):
        assert any(word in draft.title.lower() for word in words), draft.title
        assert draft.title[:1].isupper() and len(draft.title.split()) <= 8
        assert 2 <= len(draft.questions) <= 4
        assert len({fold(q.answer) for q in draft.questions}) == len(draft.questions)
        for question in draft.questions:
            assert find(question.answer, text) is not None
            assert all(is_content(w) for w in question.answer.split())
            for word in question.answer.lower().split():  # heard clearly at least half the time
                doubted = sum(w.lower() == word for w in doubt)
                said = len(re.findall(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE))
                assert doubted * 2 < said
            for choice in question.choices:
                if choice != question.answer:
                    assert find(choice, text) is None
    choices = [q for d in drafts for q in d.questions if q.kind == "multiple_choice"]
    assert len(choices) >= 3


def test_topics_shorter_than_the_minimum_give_lessons_flagged_as_spanning_two_topics(
    heard: Heard, related: Related
) -> None:
    # each topic cut to its first minute: cues after that are dropped and the rest moved up
    edges = [0.0, *heard.changes, float("inf")]
    kept: list[Cue] = []
    changes: list[float] = []
    for start, stop in itertools.pairwise(edges):
        topic = [c for c in heard.cues if start - 1 <= c.start < stop - 1]
        short = [c for c in topic if c.start < topic[0].start + 60 or c is topic[0]]
        shift = (short[0].start - kept[-1].end - 0.5) if kept else 0.0
        if kept:
            changes.append(short[0].start - shift)
        kept += [replace(c, start=c.start - shift, end=c.end - shift) for c in short]
    units, vectors = embedded_units(tuple(kept), related)

    result = segment_units(units, vectors=vectors)

    # no topic change is glued silently: each is a cut, or the split offered in a lesson
    # flagged as spanning two topics
    cuts = [b.time for b in result.boundaries]
    offered = [s.suggested_split_time for s in result.segments if s.spans_topics]
    assert offered  # four one-minute topics cannot all be lessons of at least 2 minutes
    for change in changes:
        assert any(abs(t - change) <= TOLERANCE for t in cuts + offered if t is not None)
    for number, segment in enumerate(result.segments):
        if segment.spans_topics:
            assert segment.suggested_split is not None
            assert segment.first < segment.suggested_split < segment.stop
        if segment.minutes < 2.0:  # a short clean topic may stand alone at either end only
            assert number in (0, len(result.segments) - 1), (number, segment)
            assert segment.minutes >= 1.0, segment
