"""Which words a draft may build on: nouns rather than verbs (the lexicon's parts of speech
and how the speaker uses a word, a cheap stand-in for a part-of-speech tagger), and words the
speech model heard clearly."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from bitewise.engines.drafting.lexicon import parts
from bitewise.engines.drafting.phrases import family

WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_TOKEN = re.compile(r"[A-Za-z']+")
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
    """The word families (see :func:`family`) of the words of ``unsure`` (one entry per unsure
    hearing, e.g. per cue) that the speech model was unsure of at least half of the times the
    text says them in any form: a word heard clearly elsewhere in the segment, as a plural or a
    possessive too, is trusted (one unsure "volcano" among seven "volcanoes" is no recognition
    error). A word is doubted when ``family(word)`` is in the set, whatever its form."""
    said = Counter(family(w) for w in WORDS.findall(text))
    doubted = Counter(family(w) for w in unsure)
    return frozenset(f for f, n in doubted.items() if f and n * 2 >= said.get(f, 0))


@dataclass(frozen=True)
class _Usage:
    """How each word of a text is used: the words said just before it (with only spaces
    between, or spaces and a comma) and whether it ever opens a sentence."""

    after_space: dict[str, list[str]]
    after_space_or_comma: dict[str, list[str]]
    opens: frozenset[str]


@lru_cache(maxsize=64)
def _usage(text: str) -> _Usage:
    after_space: dict[str, list[str]] = defaultdict(list)
    after_comma: dict[str, list[str]] = defaultdict(list)
    opens: set[str] = set()
    previous, end = "", 0
    for match in _TOKEN.finditer(text):
        word, between = match.group(0).lower(), text[end : match.start()]
        if not previous or between.strip(" \t\n").endswith((".", "!", "?")):
            opens.add(word)
        if previous and between.isspace():
            after_space[word].append(previous)
        if previous and between and not between.strip(" \t\n,"):
            after_comma[word].append(previous)
        previous, end = word, match.end()
    return _Usage(dict(after_space), dict(after_comma), frozenset(opens))


def is_verb(phrase: str, text: str) -> bool:
    """A phrase the speaker mostly uses as a verb: not a term. One word: a verb by the lexicon
    only ("earn"), or one it allows that the speaker uses as one ("added", "you double"); a
    word it knows only as something else is none ("thing", "ceiling"). Several: led by a verb
    the speaker uses as one ("to stop infections"), or ending in a word the lexicon knows only
    as a verb, save a gerund ("the learner forgets", but "actual spending")."""
    words = phrase.lower().split()
    if not words:
        return False
    kinds = parts(words[0])
    if len(words) > 1:
        last = words[-1]  # "learner forgets": a verb only, not a gerund ("actual spending")
        if parts(last) == {"VERB"} and not last.endswith("ing"):
            return True
        return "VERB" in kinds and _used_as_verb(words[0], text)
    if kinds:
        if "VERB" not in kinds:
            return False
        if kinds == {"VERB"}:
            return True
    return words[0].endswith(_VERB_ENDINGS) or _used_as_verb(words[0], text)


def _used_as_verb(word: str, text: str) -> bool:
    """Whether most times ``word`` is said it follows a pronoun, "to" or a modal."""
    before = _usage(text).after_space.get(word, [])
    verbal = sum(1 for w in before if w in _BEFORE_VERB)
    return bool(before) and verbal * 2 >= len(before)


def is_noun(phrase: str, text: str) -> bool:
    """Whether a one-word phrase is ever used as a noun: after an article, a possessive, a
    quantifier or a preposition, or opening a sentence ("Photosynthesis is ..."). Words
    never used so ("forms", "along", "faster") name no topic; a phrase is one unless a verb
    leads it (:func:`is_verb`). No phrase ends in a word the lexicon knows but never as a noun
    ("nice", "anyway", "cost actual"), save a gerund ("fee bumping")."""
    if is_verb(phrase, text):
        return False
    last = phrase.lower().split()[-1] if phrase.split() else ""
    if parts(last) and "NOUN" not in parts(last) and not last.endswith("ing"):
        return False  # an adjective or adverb ("nice", "anyway"); a gerund names a topic
    if " " in phrase:
        return True
    usage, word = _usage(text), phrase.lower()
    before = usage.after_space_or_comma.get(word, [])
    return word in usage.opens or any(w in _BEFORE_NOUN for w in before)
