"""What part of speech an English word can be, and in which form (singular or plural noun,
plain or comparative adjective): from lemminflect's lexicon (MIT; tables shipped in the
package, read offline). Wrong choices of a question must be able to stand where the answer
stands: "explain" or "easier" cannot replace "simple", nor "airborne" replace "air"."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import lemminflect

# the parts of speech a blank is drafted on (key terms are noun phrases and their modifiers)
BLANK_KINDS = ("NOUN", "ADJ")


@lru_cache(maxsize=4096)
def forms(word: str) -> frozenset[tuple[str, str]]:
    """The (part of speech, Penn tag) pairs ``word`` can be among nouns and adjectives:
    "volcanoes" -> {("NOUN", "NNS")}, "simple" -> {("ADJ", "JJ"), ("NOUN", "NN")}; empty for a
    word the lexicon does not know (a name, a misheard word) or that is neither."""
    word = word.lower()
    found: set[tuple[str, str]] = set()
    for kind, lemmas in lemminflect.getAllLemmas(word).items():
        if kind not in BLANK_KINDS:
            continue
        for lemma in lemmas:
            if word == lemma:  # the plain form ("geology" is no plural, whatever the tables say)
                found.add((kind, "NN" if kind == "NOUN" else "JJ"))
                continue
            for tag, spelled in lemminflect.getAllInflections(lemma, upos=kind).items():
                if word in spelled and tag not in ("NN", "JJ"):
                    found.add((kind, tag))
    return frozenset(found)


def is_known(word: str) -> bool:
    """Whether the lexicon knows ``word`` as any part of speech."""
    return bool(parts(word))


@lru_cache(maxsize=4096)
def parts(word: str) -> frozenset[str]:
    """The parts of speech (universal tags: NOUN, VERB, ADJ, ADV) ``word`` can be; empty for a
    word the lexicon does not know."""
    return frozenset(lemminflect.getAllLemmas(word.lower()))


def can_replace(candidate: str, answer: str) -> bool | None:
    """Whether ``candidate`` can stand where ``answer`` stands: the same part of speech (noun or
    adjective) in the same form. None when the lexicon does not know one of them (the caller
    falls back to spelling)."""
    if not is_known(candidate) or not is_known(answer):
        return None
    return bool(forms(candidate) & forms(answer))


def like(
    candidate: str, answer: str, common: Callable[[str], bool] = lambda _: False
) -> str | None:
    """``candidate`` in a form that can stand where ``answer`` stands, or None: itself when it
    can (:func:`can_replace`); else a noun of one meaning put in the answer's number: made
    singular ("eruptions" -> "eruption" for "magma"), or plural where the plural is a
    ``common`` word ("boulder" -> "boulders" for "volcanoes"; the lexicon would also make
    "honeys" and "basalts"). None too when the lexicon does not know one of them."""
    verdict = can_replace(candidate, answer)
    if verdict is not False:
        return candidate if verdict else None
    numbers = [tag for kind, tag in forms(answer) if kind == "NOUN"]
    lemmas = lemminflect.getAllLemmas(candidate.lower()).get("NOUN", ())
    if len(numbers) != 1 or len(lemmas) != 1:  # "leaves": of a leaf, or of leave?
        return None
    if numbers[0] == "NN":
        return str(lemmas[0])
    plural = lemminflect.getInflection(lemmas[0], tag="NNS")
    return str(plural[0]) if plural and plural[0] != lemmas[0] and common(plural[0]) else None


@lru_cache(maxsize=4096)
def spellings(word: str) -> frozenset[str]:
    """Every form of ``word`` as a noun or adjective ("bacterium": "bacteria" too), itself
    included: a wrong choice said in the lesson in any form is secretly right."""
    found = {word.lower()}
    for kind, lemmas in lemminflect.getAllLemmas(word.lower()).items():
        if kind in BLANK_KINDS:
            for lemma in lemmas:
                found.add(lemma)
                for spelled in lemminflect.getAllInflections(lemma, upos=kind).values():
                    found.update(spelled)
    return frozenset(found)
