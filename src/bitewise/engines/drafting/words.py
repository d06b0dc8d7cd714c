"""Which words a draft may build on: nouns rather than verbs (a cheap stand-in for a
part-of-speech tagger), and words the speech model heard clearly."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# a word after one of these is being used as a verb ("you earn", "to double"), not a term
_BEFORE_VERB_TEXT = "i you we they he she it to will would can could should may might must not"
_BEFORE_VERB = frozenset(_BEFORE_VERB_TEXT.split())
_VERB_ENDINGS = ("ed", "ing")
# a word after one of these is being used as a noun ("the crust", "of rock", "their colonies")
_BEFORE_NOUN_TEXT = """the a an this that these those its their our your my his her some many most
    more few several each every any no of in on at for from with into onto about by through
    over under between among called"""
_BEFORE_NOUN = frozenset(_BEFORE_NOUN_TEXT.split())


def doubtful(unsure: Collection[str], text: str) -> frozenset[str]:
    """The words of ``unsure`` (one entry per unsure hearing, e.g. per cue) that the speech
    model was unsure of at least half of the times the text says them: a word heard clearly
    elsewhere in the segment is trusted."""
    said = Counter(w.lower() for w in WORDS.findall(text))
    doubted = Counter(w.lower() for w in unsure)
    return frozenset(w for w, n in doubted.items() if n * 2 >= said.get(w, 0))


def is_verb(phrase: str, text: str) -> bool:
    """A one-word phrase the speaker mostly uses as a verb ("earn", "added"): not a term."""
    if " " in phrase:
        return False
    if phrase.endswith(_VERB_ENDINGS):
        return True
    before = re.findall(rf"([A-Za-z']+)\s+{re.escape(phrase)}\b", text, flags=re.IGNORECASE)
    verbal = sum(1 for word in before if word.lower() in _BEFORE_VERB)
    return bool(before) and verbal * 2 >= len(before)


def is_noun(phrase: str, text: str) -> bool:
    """Whether a one-word phrase is ever used as a noun: after an article, a possessive, a
    quantifier or a preposition, or opening a sentence ("Photosynthesis is ..."). Words
    never used so ("forms", "along", "faster") name no topic."""
    if " " in phrase:
        return True
    if is_verb(phrase, text):
        return False
    word = re.escape(phrase)
    before = re.findall(rf"([A-Za-z']+)[\s,]+{word}\b", text, flags=re.IGNORECASE)
    opening = re.search(rf"(?:^|[.!?]\s+){word}\b", text, flags=re.IGNORECASE)
    return bool(opening) or any(w.lower() in _BEFORE_NOUN for w in before)
