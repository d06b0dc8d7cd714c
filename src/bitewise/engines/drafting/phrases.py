"""Sentences and key phrases: content-word n-grams scored by TF-IDF, segments as documents."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from bitewise.engines.drafting.plurals import singular
from bitewise.engines.segmentation.lexical import STOPWORDS

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"\u2014\u2013.!?]|\s-\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# Words that rarely name a topic: stopwords, fillers and common verbs (a cheap "noun-ish" test).
_EXTRA_TEXT = """all its it's i'm we're you're that's don't can't isn't let's people today everyone
    doesn't didn't won't wouldn't shouldn't couldn't aren't wasn't weren't haven't hasn't
    hadn't i've we've you've they've i'll we'll you'll it'll he's she's there's what's here's
    they're i'd we'd you'd who's where's how's
    per via upon among amongst across within without toward towards onto amid versus unto
    whether though although unless since yet nor either neither each every else ever
    the an are was were been is am be has had have does did will shall may might must ought
    can could would should one two three four five six seven eight nine ten eleven twelve
    twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion percent half quarter dozen
    also often usually always never sometimes quite rather almost nearly already enough
    less least lot lots bit stuff thing things whole same different certain several able
    um uh hmm mm yeah yep okay alright gonna wanna gotta kinda sorta dollar dollars
    become becomes became seem seems seemed mean means meant goes get gets getting got
    say says said see sees saw seen know knows knew known think thinks thought want wants
    happen happens happened depends depend begin begins began bring brings brought hold holds
    make makes made use used uses using take takes took need needs look looks talk talking
    start started come comes came give gives given keep keeps show shows tell told try tried
    work works call called put went goes done find found feel felt help helps ask asked first
    second third next last new good great big small little many every another part way ways
    something anything everything someone anyone time times day days week weeks year years
    let's example point question questions answer minute minutes back still even
    everybody somebody anybody nobody noone nothing none nowhere somewhere anywhere everywhere
    whoever whatever whichever whenever wherever however myself ourselves themselves
    yourselves guys folks hey hello hi thanks thank please sorry welcome goodbye bye
    """
_NOT_TERMS = STOPWORDS | frozenset(_EXTRA_TEXT.split())
# idioms of speech whose nouns name nothing ("in terms of", "at the end of the day")
_IDIOMS = re.compile(
    r"\b(?:in terms of|at the end of the day|in the end|end up|ends up|ended up"
    r"|on the (?:one|other) hand|a bunch of|a couple of|makes? sense|made sense"
    r"|by the way|in fact|of course|at the same time|the thing is)\b",
    flags=re.IGNORECASE,
)
# a contraction ("they'll", "mustn't", "who'd", "y'all"): a pronoun or verb, never a topic
_CONTRACTION = re.compile(r"['\u2019](?:ll|re|ve|d|m|t|all)$")
MAX_WORDS = 3


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def is_content(word: str) -> bool:
    """A word that can name something taught: not a function word, filler, number word,
    common verb or adverb (a cheap stand-in for a part-of-speech tagger)."""
    word = word.lower()
    return (
        len(word) >= 3
        and word not in _NOT_TERMS
        and not word.endswith("ly")
        and not _CONTRACTION.search(word)
        and not _is_noise(word)
    )


def _is_noise(word: str) -> bool:
    """A sound, not a word: "nnn", "hmm", "mhm", "shh" (no vowel and at most two letters,
    however long). Acronyms ("SQL", "CPD") have three letters or more."""
    return not set(word) & set("aeiouy") and len(set(word.replace("'", ""))) <= 2


def candidates(text: str, unsure: frozenset[str] = frozenset()) -> Counter[str]:
    """Counts of 1 to 3 word phrases made only of content words, never crossing punctuation
    nor taken from an idiom of speech ("in terms of", "on the other hand"), and never holding
    a word whose family (:func:`family`) is in ``unsure`` (see words.doubtful)."""
    found: Counter[str] = Counter()
    for clause in _CLAUSE_BREAK.split(_IDIOMS.sub(",", text)):
        run: list[str] = []
        for word in [*_WORD.findall(clause.lower()), ""]:
            word = _without_s(word.strip("'\u2019-"))
            if run and word and fold(word) == fold(run[-1]):
                continue  # a word said again at once ("the meeting meetings") is said once
            if word and is_content(word) and family(word) not in unsure:
                run.append(word)
                continue
            for size in range(1, MAX_WORDS + 1):
                for i in range(len(run) - size + 1):
                    found[" ".join(run[i : i + size])] += 1
            run = []
    return found


def _without_s(word: str) -> str:
    """ "volcano's" → "volcano": a noun's possessive, or speech recognition writing a plural
    as one ("volcano's form" for "volcanoes form"), counts as the noun. Contractions lose
    their "'s" too ("it's" → "it"), and the rest is no content word anyway."""
    if len(word) > 4 and word[-2:] in ("'s", "\u2019s"):
        return word[:-2]
    return word


def key_phrases(
    texts: Sequence[str], unsure: Sequence[frozenset[str]] | None = None
) -> list[list[str]]:
    """For each text, its phrases best first: sublinear TF * IDF over ``texts``, longer phrases
    favoured; ties broken alphabetically so the order never depends on hashing."""
    doubts = unsure if unsure is not None else [frozenset()] * len(texts)
    counts = [
        _merge_plurals(candidates(text, doubt)) for text, doubt in zip(texts, doubts, strict=True)
    ]
    document_frequency: Counter[str] = Counter()
    for count in counts:
        document_frequency.update(count.keys())
    total = len(texts)
    ranked = []
    for count in counts:
        scores = {
            phrase: (1.0 + math.log(times))
            * (math.log((1 + total) / (1 + document_frequency[phrase])) + 1.0)
            * _length_weight(phrase.count(" ") + 1, times)
            for phrase, times in count.items()
        }
        ranked.append(sorted(scores, key=lambda p: (-scores[p], p)))
    return ranked


def fold(phrase: str) -> str:
    """``phrase`` with a plural last word made singular (plurals.py), for counting "volcano"
    and "volcanoes" as one term, and never "news" and "new"."""
    words = phrase.lower().split()
    if not words:
        return ""
    return " ".join([*words[:-1], singular(words[-1])])


def family(word: str) -> str:
    """The one form of a word whatever its number or possessive: "Volcano's", "volcanoes" and
    "volcano" are all "volcano"."""
    bare = word.strip().strip("'\u2019-").strip()
    return fold(_without_s(bare.lower())) if bare else ""


def _merge_plurals(count: Counter[str]) -> Counter[str]:
    """Singular and plural of a phrase counted together under the form said most often."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for phrase, times in count.items():
        groups.setdefault(fold(phrase), []).append((times, phrase))
    merged: Counter[str] = Counter()
    for forms in groups.values():
        surface = max(forms, key=lambda f: (f[0], f[1]))[1]
        merged[surface] = sum(times for times, _ in forms)
    return merged


def _length_weight(words: int, times: int) -> float:
    # A repeated two-word phrase is usually a name for the topic ("operating reserve"); three
    # words, or a phrase said once, is more often a clause ("annual budget starts").
    if words == 1:
        return 1.0
    if times < 2:
        return 1.0 / words
    return 1.6 if words == 2 else 1.0


def pick_terms(ranked: Sequence[str], limit: int) -> list[str]:
    """The best phrases that share no word with a better one, so terms are distinct topics."""
    chosen: list[str] = []
    used: set[str] = set()
    for phrase in ranked:
        words = set(phrase.split())
        if words & used:
            continue
        chosen.append(phrase)
        used |= words
        if len(chosen) == limit:
            break
    return chosen


def find(term: str, text: str) -> re.Match[str] | None:
    """Where ``term`` occurs in ``text`` as whole words, any case and spacing."""
    pattern = r"\s+".join(re.escape(word) for word in term.split())
    return re.search(rf"(?<![\w'-]){pattern}(?![\w'-])", text, flags=re.IGNORECASE)


def title_case(phrase: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())
