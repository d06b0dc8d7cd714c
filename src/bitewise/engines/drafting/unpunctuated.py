"""Sentences for a transcript with no punctuation (YouTube's automatic captions, some exports):
the words cut where speech usually starts a new sentence, so that summaries and questions are
built on sentence-sized pieces instead of one run of a thousand words. No punctuation model
ships offline; these are the words people open sentences with in talks and interviews."""

from __future__ import annotations

import re

MIN_WORDS, MAX_WORDS = 6, 30  # of a piece
WEAK_AFTER = 12  # a weak opener starts a piece only after this many words
# words that nearly always open a sentence in speech
_STRONG_TEXT = "so but now okay ok well however next finally anyway alright"
_STRONG = frozenset(_STRONG_TEXT.split())
# words that often do: a piece long enough is cut before them
_WEAK_TEXT = """and because i we you it this that there these those they he she what how why
    where when who which first also today here then"""
_WEAK = frozenset(_WEAK_TEXT.split())
# words a piece must not end on: it would stop mid-phrase ("... a separate block of the.")
_DANGLING_TEXT = """the a an of in on at to for with from by as into and or but is are was were
    be his her its their our my your this that these those through over under about between
    than like after before during without within across against toward towards"""
_DANGLING = frozenset(_DANGLING_TEXT.split())
_QUESTION = re.compile(
    r"^(?:what|how|why|where|when|who|which)\s+(?:do|does|did|is|are|was|were|can|could|"
    r"should|would|will|makes?)\b",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?](?:[\"')\]]*)(?:\s|$)")


def is_unpunctuated(text: str) -> bool:
    """Whether ``text`` has too few sentence ends to split on: under one per 60 words, in at
    least 40 words."""
    words = len(text.split())
    return words >= 40 and len(_END.findall(text)) * 60 < words


def spoken_sentences(text: str) -> list[str]:
    """``text`` cut into sentence-sized pieces of ``MIN_WORDS`` to ``MAX_WORDS`` words, before
    the words that open sentences in speech (a piece grown to the maximum is cut at its last
    such word, else where no function word is left dangling); each ends with a full stop, or a
    question mark where it opens as a question ("how do plants make their food")."""
    pieces: list[list[str]] = []
    current: list[str] = []
    for word in text.split():
        bare = _bare(word)
        opens = bare in _STRONG or (bare in _WEAK and len(current) >= WEAK_AFTER)
        if current and len(current) >= MIN_WORDS and opens:
            pieces.append(current)
            current = []
        elif len(current) >= MAX_WORDS:
            cut = _fallback_cut(current)
            pieces.append(current[:cut])
            current = current[cut:]
        current.append(word)
    if current:
        if pieces and len(current) < MIN_WORDS and len(pieces[-1]) + len(current) <= MAX_WORDS:
            pieces[-1].extend(current)
        else:
            pieces.append(current)
    found = []
    for piece in pieces:
        sentence = " ".join(piece).rstrip(",;:")
        found.append(sentence + ("?" if _QUESTION.match(sentence) else "."))
    return found


def _bare(word: str) -> str:
    return word.lower().strip(",;:")


def _fallback_cut(piece: list[str]) -> int:
    """Where to cut a piece that reached the maximum: before its last opener that leaves at
    least ``MIN_WORDS`` on the left, else after its last word that is no function word."""
    for index in range(len(piece) - 1, MIN_WORDS - 1, -1):
        if _bare(piece[index]) in _STRONG or _bare(piece[index]) in _WEAK:
            return index
    for index in range(len(piece), MIN_WORDS, -1):
        if _bare(piece[index - 1]) not in _DANGLING:
            return index
    return len(piece)
