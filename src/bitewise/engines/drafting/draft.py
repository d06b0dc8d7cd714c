"""Draft a micro-lesson for each segment: title, summary, key terms and quiz questions."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np

from bitewise.engines.drafting.data import Draft, Question
from bitewise.engines.drafting.phrases import (
    find,
    fold,
    is_content,
    key_phrases,
    pick_terms,
    sentences,
)
from bitewise.engines.drafting.related import Related, same_kind
from bitewise.engines.segmentation.lexical import hashed_tfidf

MAX_TITLE = 60
MAX_TERMS = 6
MAX_QUESTIONS = 4
MAX_DISTRACTORS = 3
MIN_QUESTION_WORDS = 8  # a shorter sentence gives away too little context to answer from
MAX_QUESTION_WORDS = 40
MIN_SUMMARY_WORDS = 6
MAX_SUMMARY_WORDS = 45
BLANK = "_____"
_WORDS = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# fillers and openers that a reader does not need, at the start of a sentence or inside it
_FILLERS = re.compile(
    r"\b(?:um+|uh+|erm|hmm+|you know|i mean|sort of|kind of)\b,?\s*", flags=re.IGNORECASE
)
_OPENERS = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|now|right|yeah|alright|also|then)\b[,\s]+)+",
    flags=re.IGNORECASE,
)
# a sentence opening with one of these leans on the one before it, so it reads badly alone
_DANGLING_TEXT = """this that these those it they he she them his her its their here there
    instead however though then later finally also otherwise still besides"""
_DANGLING = frozenset(_DANGLING_TEXT.split())
# a word after one of these is being used as a verb ("you earn", "to double"), not a term
_BEFORE_VERB_TEXT = "i you we they he she it to will would can could should may might must not"
_BEFORE_VERB = frozenset(_BEFORE_VERB_TEXT.split())
_VERB_ENDINGS = ("ed", "ing")
# a word after one of these is being used as a noun ("the crust", "of rock", "their colonies")
_BEFORE_NOUN_TEXT = """the a an this that these those its their our your my his her some many most
    more few several each every any no of in on at for from with into onto about by through
    over under between among called"""
_BEFORE_NOUN = frozenset(_BEFORE_NOUN_TEXT.split())


def draft_segments(
    texts: Sequence[str],
    *,
    unsure: Sequence[Collection[str]] | None = None,
    related: Related | None = None,
) -> tuple[Draft, ...]:
    """One :class:`Draft` per segment text; the other texts supply IDF.

    ``unsure`` gives, per segment, the words the speech model was unsure of, once per unsure
    hearing (a word in several cues' unsure lists counts that many times): no title, key
    term, summary sentence or question is built on a word doubted at least half of the times
    it was said. ``related`` supplies wrong choices
    of the same kind and topic as an answer; without it questions are fill-in-the-blank."""
    heard = unsure if unsure is not None else [()] * len(texts)
    if len(heard) != len(texts):
        raise ValueError("one collection of unsure words per segment text")
    doubts = [_doubtful(words, text) for words, text in zip(heard, texts, strict=True)]
    ranked = key_phrases(texts, doubts)
    drafts = []
    for text, phrases, doubt in zip(texts, ranked, doubts, strict=True):
        nouns = [p for p in phrases if _is_noun(p, text)]
        terms = [t for t in pick_terms(nouns, MAX_TERMS) if find(t, text) is not None]
        ordered = _by_centrality(_clean_sentences(text))
        drafts.append(
            Draft(
                title=_title(terms, text, ordered),
                summary=_summary(ordered, doubt),
                key_terms=tuple(terms),
                questions=_questions(text, terms, ordered, doubt, related),
            )
        )
    return tuple(drafts)


def _doubtful(unsure: Collection[str], text: str) -> frozenset[str]:
    """The words of ``unsure`` (one entry per unsure hearing, e.g. per cue) that the speech
    model was unsure of at least half of the times the text says them: a word heard clearly
    elsewhere in the segment is trusted."""
    said = Counter(w.lower() for w in _WORDS.findall(text))
    doubted = Counter(w.lower() for w in unsure)
    return frozenset(w for w, n in doubted.items() if n * 2 >= said.get(w, 0))


def _is_verb(phrase: str, text: str) -> bool:
    """A one-word phrase the speaker mostly uses as a verb ("earn", "added"): not a term."""
    if " " in phrase:
        return False
    if phrase.endswith(_VERB_ENDINGS):
        return True
    before = re.findall(rf"([A-Za-z']+)\s+{re.escape(phrase)}\b", text, flags=re.IGNORECASE)
    verbal = sum(1 for word in before if word.lower() in _BEFORE_VERB)
    return bool(before) and verbal * 2 >= len(before)


def _is_noun(phrase: str, text: str) -> bool:
    """Whether a one-word phrase is ever used as a noun: after an article, a possessive, a
    quantifier or a preposition, or opening a sentence ("Photosynthesis is ..."). Words
    never used so ("forms", "along", "faster") name no topic."""
    if " " in phrase:
        return True
    if _is_verb(phrase, text):
        return False
    word = re.escape(phrase)
    before = re.findall(rf"([A-Za-z']+)[\s,]+{word}\b", text, flags=re.IGNORECASE)
    opening = re.search(rf"(?:^|[.!?]\s+){word}\b", text, flags=re.IGNORECASE)
    return bool(opening) or any(w.lower() in _BEFORE_NOUN for w in before)


def _clean_sentences(text: str) -> list[str]:
    """The segment's sentences without fillers and leading "so", "and", "okay", once each."""
    cleaned = []
    for sentence in sentences(text):
        sentence = _OPENERS.sub("", _FILLERS.sub("", sentence)).strip(" ,")
        sentence = re.sub(r"\s*,\s*([.!?])$", r"\1", " ".join(sentence.split()))
        if sentence:
            cleaned.append(sentence[:1].upper() + sentence[1:])
    return list(dict.fromkeys(cleaned))  # talks repeat themselves


def _by_centrality(found: list[str]) -> list[tuple[int, str]]:
    """Sentences (with their position), most similar to the segment's centroid first."""
    if not found:
        return []
    matrix = hashed_tfidf(found)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    unit = matrix / norms[:, None]
    centroid = unit.sum(axis=0)
    scores = unit @ centroid
    order = sorted(range(len(found)), key=lambda i: (-round(float(scores[i]), 9), i))
    return [(i, found[i]) for i in order]


def _surface(term: str, text: str) -> str:
    """``term`` as the speaker said it (its first occurrence), in sentence case."""
    match = find(term, text)
    said = match.group(0) if match else term
    said = " ".join(said.split())
    if said.isupper() and len(said) > 1:  # an acronym stays as it is
        return said
    return said[:1].upper() + said[1:]


def _title(terms: list[str], text: str, ordered: list[tuple[int, str]]) -> str:
    """A noun phrase naming the topic: the main term, and the term most often said in the
    same sentences as it, as in "Volcanoes and tectonic plates"."""
    if not terms:
        return ""
    said = [s for _, s in ordered]
    in_order = [s for _, s in sorted(ordered)]
    first, second = ([*in_order, "", ""])[:2]

    def weight(rank: int, term: str) -> float:
        # the key-phrase rank, counted most for a term in the opening (topic) sentence
        return (4.0 if find(term, first) else 1.5 if find(term, second) else 1.0) / (rank + 1)

    head = _expand(max(enumerate(terms[:4]), key=lambda p: (weight(*p), -p[0]))[1], text)
    others = [t for t in terms[:4] if fold(t) not in fold(head) and fold(head) not in fold(t)]
    partner, together = (others[0] if others else ""), 0
    for term in others:
        count = sum(1 for s in said if find(head, s) and find(term, s))
        if count > together:
            partner, together = term, count
    partner = _expand(partner, text) if partner else ""
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


def _expand(term: str, text: str) -> str:
    """A one-word term grown into the phrase the speaker usually says it in ("interest" to
    "compound interest"), when that phrase comes up at least twice."""
    if " " in term:
        return term
    pattern = rf"\b([A-Za-z]+)\s+({re.escape(term)}|{re.escape(fold(term))}\w*)\b"
    pairs: dict[str, int] = {}
    for first, second in re.findall(pattern, text, flags=re.IGNORECASE):
        if is_content(first) and not _is_verb(first.lower(), text):
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


def _readable(sentence: str, doubt: frozenset[str]) -> bool:
    words = _WORDS.findall(sentence)
    return (
        MIN_SUMMARY_WORDS <= len(words) <= MAX_SUMMARY_WORDS
        and not sentence.endswith("?")
        and words[0].lower() not in _DANGLING
        and not any(w.lower() in doubt for w in words)
    )


def _summary(ordered: list[tuple[int, str]], doubt: frozenset[str]) -> str:
    """The two or three most central sentences that read well alone and hold no word the
    speech model was unsure of, in the order they were said."""
    count = 3 if len(ordered) >= 6 else 2
    good = [(i, s) for i, s in ordered if _readable(s, doubt)]
    chosen = good[:count] or ordered[:count]
    return " ".join(sentence for _, sentence in sorted(chosen))


def _questions(
    text: str,
    terms: list[str],
    ordered: list[tuple[int, str]],
    doubt: frozenset[str],
    related: Related | None,
) -> tuple[Question, ...]:
    """Fill-in-the-blank questions on the key terms, each on a different central sentence;
    multiple choice where ``related`` offers enough wrong choices of the same kind that the
    segment never says."""
    questions: list[Question] = []
    used: set[int] = set()
    asked: set[str] = set()
    for term in terms:
        if fold(term) in asked or any(w in doubt for w in term.lower().split()):
            continue
        spot = next(
            (
                (i, sentence, match)
                for i, sentence in ordered
                if i not in used
                and MIN_QUESTION_WORDS <= len(sentence.split()) <= MAX_QUESTION_WORDS
                and not sentence.endswith("?")
                and not any(w.lower() in doubt for w in _WORDS.findall(sentence))
                and (match := find(term, sentence)) is not None
                and find(term, sentence[match.end() :]) is None  # said once: no giveaway
            ),
            None,
        )
        if spot is None:
            continue
        i, sentence, match = spot
        answer = match.group(0)
        blanked = f"{sentence[: match.start()]}{BLANK}{sentence[match.end() :]}"
        wrong = _distractors(answer, text, related)
        if len(wrong) >= 2:
            choices = sorted([answer, *wrong], key=lambda c: (zlib.crc32(c.encode()), c))
            questions.append(
                Question(
                    kind="multiple_choice",
                    prompt=f"Which term completes the sentence? {blanked}",
                    choices=tuple(choices),
                    answer=answer,
                )
            )
        else:
            questions.append(
                Question(
                    kind="cloze", prompt=f"Fill in the blank: {blanked}", choices=(), answer=answer
                )
            )
        used.add(i)
        asked.add(fold(term))
        if len(questions) == MAX_QUESTIONS:
            break
    return tuple(questions)


def _distractors(answer: str, text: str, related: Related | None) -> list[str]:
    """Up to MAX_DISTRACTORS words near the answer in meaning, of its kind, that the segment
    never says (so none is secretly right), capitalized as the answer is."""
    if related is None or " " in answer:  # no single word is the same kind as a phrase
        return []
    chosen: list[str] = []
    for word, _score in related.similar(answer, 40, context=text):
        if not same_kind(word, answer) or find(word, text) is not None:
            continue
        if any(fold(word)[:5] == fold(c)[:5] for c in chosen):
            continue
        chosen.append(word[:1].upper() + word[1:] if answer[:1].isupper() else word)
        if len(chosen) == MAX_DISTRACTORS:
            break
    return chosen
