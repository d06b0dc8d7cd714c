"""A lesson's title: a noun phrase naming its topic in the speaker's words, as in
"Volcanoes and tectonic plates", never a sentence or a pair of loose key words."""

from __future__ import annotations

import math
import re

from bitewise.engines.drafting.phrases import find, fold, is_content
from bitewise.engines.drafting.words import is_verb

MAX_TITLE = 60
# how a candidate term is weighed for the title (:func:`_score`)
COUNT_WEIGHT, FIRST_WEIGHT, RANK_WEIGHT, PHRASE_WEIGHT = 0.8, 0.6, 0.2, 1.2


def _surface(term: str, text: str) -> str:
    """``term`` as the speaker said it (its first occurrence), in sentence case."""
    match = find(term, text)
    said = match.group(0) if match else term
    said = " ".join(said.split())
    if said.isupper() and len(said) > 1:  # an acronym stays as it is
        return said
    return said[:1].upper() + said[1:]


def title_for(terms: list[str], text: str) -> str:
    """A noun phrase naming the topic: the two candidate terms (best key phrases first) most
    like a human title's words, as in "Volcanoes and tectonic plates" (see :func:`_score`)."""
    if not terms:
        return ""
    scores = {term: _score(rank, term, text) for rank, term in enumerate(terms)}
    ranked = sorted(terms, key=lambda t: -scores[t])  # stable: the better key phrase on ties
    head = _expand(ranked[0], text)
    others = [t for t in ranked if fold(t) not in fold(head) and fold(head) not in fold(t)]
    partner = _expand(others[0], text) if others else ""
    if partner and (
        fold(partner) in fold(head)
        or fold(head) in fold(partner)
        or any(find(f"{partner} {word}", text) for word in head.split())  # "simple interest"
    ):
        partner = ""
    main = _surface(head, text)
    if partner and " " not in partner and fold(partner) == partner:
        # a plain noun reads as the general kind in a title: "plates", not "plate"
        plural = next((f for f in (f"{partner}s", f"{partner}es") if find(f, text)), "")
        partner = plural or partner
    if partner:
        second = _surface(partner, text)
        if not (second.isupper() or _is_name(partner, text)):
            second = second[:1].lower() + second[1:]
        title = f"{main} and {second}"
        if len(title) <= MAX_TITLE:
            return title
    return main if len(main) <= MAX_TITLE else main[:MAX_TITLE].rsplit(" ", 1)[0]


def _score(rank: int, term: str, text: str) -> float:
    """How likely ``term`` (the ``rank``-th key phrase) is to be a word of the title a person
    would give the passage: a topic is named early (a chapter opens on it: "let's talk
    about fee bumping"), said often, a good key phrase, and a phrase more than a word. The
    weights round a logistic regression's (whether a term shares a word with the human
    title) on the tuning half of the podcast chapters of benchmarks/segmentation_podcasts.py;
    the words before a term is first said weigh most."""
    said = _mentions(term, text)
    first = len(text[: said[0]].split()) if said else len(text.split())
    return (
        COUNT_WEIGHT * math.log(max(1, len(said)))
        - FIRST_WEIGHT * math.log(1 + first)
        - RANK_WEIGHT * math.log(1 + rank)
        + PHRASE_WEIGHT * term.count(" ")
    )


def _mentions(term: str, text: str) -> list[int]:
    """Where ``term`` is said in ``text``, in any number, or as speech recognition may write a
    plural: "volcanoes" is said in "volcano's form"."""
    singular = r"\s+".join(re.escape(w) for w in fold(term).split())
    pattern = rf"(?<![\w'-])(?:{singular}(?:s|es|'s|\u2019s)?|{re.escape(term)})(?![\w'-])"
    return [m.start() for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _expand(term: str, text: str) -> str:
    """A one-word term grown into the phrase the speaker usually says it in ("interest" to
    "compound interest"), when that phrase comes up at least twice."""
    if " " in term:
        return term
    pattern = rf"\b([A-Za-z]+)\s+({re.escape(term)}|{re.escape(fold(term))}\w*)\b"
    pairs: dict[str, int] = {}
    for first, second in re.findall(pattern, text, flags=re.IGNORECASE):
        if fold(first) == fold(term) or fold(first) == fold(second):
            continue  # a word said twice ("meeting meetings") is no phrase
        if is_content(first) and not is_verb(first.lower(), text):
            key = f"{first.lower()} {second.lower()}"
            pairs[key] = pairs.get(key, 0) + 1
    lowered = text.lower()
    best = max(pairs.items(), key=lambda kv: (kv[1], -lowered.find(kv[0])), default=("", 0))
    return best[0] if best[1] >= 2 else term


def _is_name(term: str, text: str) -> bool:
    """Whether the speaker's text capitalizes ``term`` mid-sentence (a name: "Gutenberg")."""
    pattern = r"\s+".join(re.escape(w) for w in term.split())
    found = re.findall(rf"(?<=[a-z,;] )({pattern})\b", text, flags=re.IGNORECASE)
    return bool(found) and all(f[:1].isupper() for f in found)
