"""The dev sets of the segmentation benchmark, as documents for the scorer beside the data set
(``{"id", "sentences": [{"text", "start", "end"}], "boundaries"}``): QMSum turns, the timed and
lesson-sized sets built from them (``benchmarks/data/segmentation/README.md``), and the demo's
conference talk (``bitewise.demo.content.talk``)."""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

from bitewise.demo.content.talk import TALK
from bitewise.engines.segmentation import Unit

SPEAKER = re.compile(r"^([^:]{1,40}):\s*(.*)$", re.DOTALL)
MARKUP = re.compile(r"\{(disfmarker|vocalsound|gap|pause|nonvocalsound|comment)\}")
WPM = 150.0
# the demo's timing of its talk (bitewise.demo.repurposing, which needs Django to import)
TALK_SECONDS_PER_WORD, TALK_GAP_SECONDS, TALK_HANDOVER_SECONDS = 0.4, 0.3, 2.5


def to_units(doc: dict[str, Any]) -> list[Unit]:
    """QMSum turns read "Speaker: text"; the speaker is split off and markup dropped."""
    units = []
    for sentence in doc["sentences"]:
        if doc.get("speakers") is False:  # recognized speech: "Next question: ..." is no name
            units.append(Unit(sentence["text"], sentence["start"], sentence["end"]))
            continue
        match = SPEAKER.match(sentence["text"])
        speaker, text = (match.group(1), match.group(2)) if match else ("", sentence["text"])
        units.append(Unit(MARKUP.sub("", text), sentence["start"], sentence["end"], speaker))
    return units


def as_cues(doc: dict[str, Any], *, speakers: bool) -> dict[str, Any]:
    """The timed ``doc`` as caption cues, the form a WebVTT file gives: each turn cut into
    cues of 6-14 words (seeded by the document's id) that need not end a sentence, timed by
    their share of the turn's words; with the "Name: " label on every cue, or with none (most
    recognized or captioned recordings). A reference topic starts at the first cue of its turn.
    ``first_cue`` maps turn indices to cue indices (TextTiling's cuts on turns map through it).
    """
    rng = random.Random("cues " + doc["id"])
    sentences: list[dict[str, Any]] = []
    first_cue: list[int] = []
    for unit in to_units(doc):
        words = unit.text.split() or ["..."]
        first_cue.append(len(sentences))
        start, end, done = unit.start or 0.0, unit.end or 0.0, 0
        while done < len(words):
            stop = min(len(words), done + rng.randint(6, 14))
            text = " ".join(words[done:stop])
            sentences.append(
                {
                    "text": f"{unit.speaker}: {text}" if speakers and unit.speaker else text,
                    "start": round(start + (end - start) * done / len(words), 2),
                    "end": round(start + (end - start) * stop / len(words), 2),
                }
            )
            done = stop
    form = "cues" if speakers else "unlabelled cues"
    cued = {
        "id": f"{doc['id']} ({form})",
        "source_id": doc.get("source_id", doc["id"]),
        "sentences": sentences,
        "boundaries": sorted({first_cue[b] for b in doc["boundaries"]}),
        "first_cue": first_cue,
    }
    return cued if speakers else {**cued, "speakers": False}


def make_timed(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Timestamps for QMSum turns: each speaker talks at 130-170 words per minute, turns are
    0.1-0.7 s apart, 5 % of gaps are 1.5-3.5 s pauses, and so are 40 % of topic changes."""
    rows = []
    for doc in docs:
        rng = random.Random(doc["id"])
        rates: dict[str, float] = {}
        boundaries, clock, times = set(doc["boundaries"]), 0.0, []
        for i, unit in enumerate(to_units(doc)):
            rate = rates.setdefault(unit.speaker, rng.uniform(130, 170))
            chance = 0.4 if i in boundaries else 0.05
            clock += rng.uniform(1.5, 3.5) if rng.random() < chance else rng.uniform(0.1, 0.7)
            length = max(1, len(doc["sentences"][i]["text"].split())) * 60.0 / rate
            times.append([round(clock, 2), round(clock + length, 2)])
            clock += length
        rows.append({"id": doc["id"], "times": times})
    return rows


def make_lessons(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edited recordings with lesson-sized topics: each reference topic of a meeting shorter
    than 2 minutes (150 wpm) is dropped, the others are cut to their first 2.5-7.5 minutes;
    then timed like :func:`make_timed`, so topics last about 2-7.5 minutes."""
    rows = []
    for doc in docs:
        rng = random.Random("lessons " + doc["id"])
        words = [len(s["text"].split()) for s in doc["sentences"]]
        edges = [0, *sorted(doc["boundaries"]), len(words)]
        keep: list[int] = []
        boundaries: list[int] = []
        for a, b in itertools.pairwise(edges):
            if sum(words[a:b]) < 2 * WPM:
                continue
            budget, stop = rng.uniform(2.5, 7.5) * WPM, a
            while stop < b and sum(words[a:stop]) < budget:
                stop += 1
            if keep:
                boundaries.append(len(keep))
            keep += range(a, stop)
        if len(boundaries) < 1:
            continue
        kept = {**doc, "sentences": [doc["sentences"][i] for i in keep], "boundaries": boundaries}
        times = make_timed([kept])[0]["times"]
        rows.append({"id": doc["id"], "keep": keep, "boundaries": boundaries, "times": times})
    return rows


def lesson_doc(doc: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    sentences = [
        {**doc["sentences"][i], "start": t[0], "end": t[1]}
        for i, t in zip(row["keep"], row["times"], strict=True)
    ]
    lesson_id = doc["id"].replace("qmsum/", "qmsum-lessons/")
    return {**doc, "id": lesson_id, "sentences": sentences, "boundaries": row["boundaries"]}


def with_times(doc: dict[str, Any], times: list[list[float]]) -> dict[str, Any]:
    sentences = [
        {**s, "start": t[0], "end": t[1]} for s, t in zip(doc["sentences"], times, strict=True)
    ]
    timed_id = doc["id"].replace("qmsum/", "qmsum-timed/")
    return {**doc, "id": timed_id, "source_id": doc["id"], "sentences": sentences}


def demo_talk() -> dict[str, Any]:
    """The demo's recorded conference session (a host, four speakers each on one sub-topic, the
    host again), timed as the demo times it. A reference lesson starts where each speaker after
    the first takes over: the host's one-minute welcome belongs with the first speaker's part
    (the demo test asks for four lessons cut there)."""
    sentences: list[dict[str, Any]] = []
    clock, previous = 1.0, TALK[0].speaker
    topics: list[int] = []
    for turn in TALK:
        if turn.speaker != previous:
            clock += TALK_HANDOVER_SECONDS - TALK_GAP_SECONDS
        previous = turn.speaker
        if turn.topic:
            topics.append(len(sentences))
        for sentence in turn.sentences:
            end = clock + len(sentence.split()) * TALK_SECONDS_PER_WORD
            text = f"{turn.speaker}: {sentence}"
            sentences.append({"text": text, "start": round(clock, 3), "end": round(end, 3)})
            clock = end + TALK_GAP_SECONDS
    return {"id": "demo/talk", "sentences": sentences, "boundaries": topics[1:]}
