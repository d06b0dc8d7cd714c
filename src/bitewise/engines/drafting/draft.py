"""Draft a micro-lesson for each segment: title, summary, key terms and quiz questions."""

from __future__ import annotations

import re
import zlib
from collections.abc import Collection, Sequence

import numpy as np

from bitewise.engines.drafting.data import Draft, Question
from bitewise.engines.drafting.distractors import distractors_for
from bitewise.engines.drafting.phrases import (
    family,
    find,
    fold,
    is_content,
    key_phrases,
    pick_terms,
    sentences,
)
from bitewise.engines.drafting.related import Related
from bitewise.engines.drafting.titles import title_for
from bitewise.engines.drafting.unpunctuated import is_unpunctuated, spoken_sentences
from bitewise.engines.drafting.words import WORDS, doubtful, is_noun
from bitewise.engines.segmentation.lexical import hashed_tfidf

MAX_TERMS = 6
TITLE_CANDIDATES = 16  # the best distinct key phrases a title is chosen from
CANDIDATES = 60  # the best key phrases looked at for terms (each is checked against the text)
MAX_QUESTIONS = 4
MAX_DISTRACTORS = 3
MIN_QUESTION_WORDS = 8  # a shorter sentence gives away too little context to answer from
MAX_QUESTION_WORDS = 40
MIN_SUMMARY_WORDS = 6
MAX_SUMMARY_WORDS = 45
BLANK = "_____"
# fillers and openers that a reader does not need, at the start of a sentence or inside it
_FILLERS = re.compile(
    r"\b(?:um+|uh+|erm|hmm+|you know|i mean|sort of|kind of|basically|actually|literally"
    r"|like i said|as i said)\b,?\s*",
    flags=re.IGNORECASE,
)
_OPENERS = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|now|right|yeah|alright|also|then|anyway|i guess)\b[,\s]+"
    r"|like,\s*)+",
    flags=re.IGNORECASE,
)
# a sentence opening with one of these leans on the one before it, so it reads badly alone
_DANGLING_TEXT = """this that these those it they he she them his her its their here there
    instead however though then later finally also otherwise still besides"""
_DANGLING = frozenset(_DANGLING_TEXT.split())
# a sentence in the first person singular tells the speaker's own story or opinion ("I don't
# have any channels"), which a learner cannot be asked about: the last choice to quote
_PERSONAL = re.compile(r"(?<![\w'\u2019-])(?:i|i['\u2019](?:m|ve|d|ll)|me|my|mine|myself)\b", re.I)
# a sentence about the talk itself rather than its subject ("we're going to discuss fees
# today", "welcome to the show", "thanks for having me"): it teaches nothing on its own
_ABOUT_THE_TALK = re.compile(
    r"\b(?:(?:we|i|you)(?:['\u2019](?:re|ll|m)| are| will| am)?|let['\u2019]?s|let us)"
    r"(?: (?:going to|gonna|want to|wanna|have to|get to|now|also|then|briefly|quickly))*"
    r" (?:talk|discuss|cover|dive|chat|go over|get into|jump into|touch on)\b"
    r"|\bwelcome (?:to|back|everyone|everybody)\b"
    r"|\bthanks? (?:you )?(?:so much )?for (?:having|joining|coming|listening|watching)\b"
    r"|\b(?:this|today['\u2019]s|the next|our next|the last) (?:episode|show|podcast|segment)\b",
    re.IGNORECASE,
)


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
    it was said. ``related`` supplies wrong choices of the same kind and topic as an answer;
    without it questions are fill-in-the-blank."""
    heard = unsure if unsure is not None else [()] * len(texts)
    if len(heard) != len(texts):
        raise ValueError("one collection of unsure words per segment text")
    doubts = [doubtful(words, text) for words, text in zip(heard, texts, strict=True)]
    ranked = key_phrases(texts, doubts)
    all_terms, titles = [], []
    for text, phrases in zip(texts, ranked, strict=True):
        nouns = [p for p in phrases[:CANDIDATES] if is_noun(p, text)]
        chosen = pick_terms(nouns, TITLE_CANDIDATES)  # its first MAX_TERMS: pick_terms(nouns, 6)
        said = [t for t in chosen if find(t, text) is not None]
        all_terms.append([t for t in said if t in chosen[:MAX_TERMS]])
        titles.append(title_for(said, text))
    drafts = []
    for index, (text, terms, doubt, title) in enumerate(
        zip(texts, all_terms, doubts, titles, strict=True)
    ):
        ordered = _by_centrality(_clean_sentences(text))
        # a wrong choice that is another lesson's topic gives the right one away
        others = {fold(t) for i, ts in enumerate(all_terms) if i != index for t in ts}
        drafts.append(
            Draft(
                title=title,
                summary=_summary(ordered, doubt),
                key_terms=tuple(terms),
                questions=_questions(text, terms, ordered, doubt, related, others),
            )
        )
    return tuple(drafts)


def _clean_sentences(text: str) -> list[str]:
    """The segment's sentences without fillers and leading "so", "and", "okay", once each
    (cut where speech starts one, for a transcript without punctuation)."""
    cleaned = []
    found = spoken_sentences(text) if is_unpunctuated(text) else sentences(text)
    for sentence in found:
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


def _readable(sentence: str, doubt: frozenset[str]) -> bool:
    words = WORDS.findall(sentence)
    return (
        MIN_SUMMARY_WORDS <= len(words) <= MAX_SUMMARY_WORDS
        and not sentence.endswith("?")
        and words[0].lower() not in _DANGLING
        and not any(family(w) in doubt for w in words)
    )


def _subject_first(ordered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``ordered`` with the sentences about the talk itself or in the first person singular
    moved to the end (those that are both last)."""
    return sorted(
        ordered,
        key=lambda p: (
            (_ABOUT_THE_TALK.search(p[1]) is not None) + (_PERSONAL.search(p[1]) is not None)
        ),
    )


def _summary(ordered: list[tuple[int, str]], doubt: frozenset[str]) -> str:
    """The two or three most central sentences that read well alone and hold no word the
    speech model was unsure of, in the order they were said; a sentence in the first person
    singular only where too few others are left."""
    count = 3 if len(ordered) >= 6 else 2
    good = _subject_first([(i, s) for i, s in ordered if _readable(s, doubt)])
    chosen = good[:count] or ordered[:count]
    return " ".join(sentence for _, sentence in sorted(chosen))


def _questions(
    text: str,
    terms: list[str],
    ordered: list[tuple[int, str]],
    doubt: frozenset[str],
    related: Related | None,
    others: Collection[str] = (),
) -> tuple[Question, ...]:
    """Fill-in-the-blank questions on the key terms, each on a different central sentence
    (one in the first person singular only where no other says the term, none about the
    talk itself);
    multiple choice where ``related`` offers enough wrong choices of the same kind that the
    segment never says."""
    questions: list[Question] = []
    used: set[int] = set()
    asked: set[str] = set()
    # the sentences a question may quote, the speaker's own story last; none about the talk
    # itself: it teaches nothing to ask
    quotable = [
        (i, sentence)
        for i, sentence in _subject_first(ordered)
        if _ABOUT_THE_TALK.search(sentence) is None
        and MIN_QUESTION_WORDS <= len(sentence.split()) <= MAX_QUESTION_WORDS
        and not sentence.endswith("?")
        and not any(family(w) in doubt for w in WORDS.findall(sentence))
    ]
    for term in terms:
        if fold(term) in asked or any(family(w) in doubt for w in term.split()):
            continue
        spot = next(
            (
                (i, sentence, match)
                for i, sentence in quotable
                if i not in used
                and (match := find(term, sentence)) is not None
                and find(term, sentence[match.end() :]) is None  # said once: no giveaway
            ),
            None,
        )
        if spot is None:
            continue
        i, sentence, match = spot
        answer, start, end = match.group(0), match.start(), match.end()
        wrong = distractors_for(
            answer, text, related, MAX_DISTRACTORS, sentence=sentence, avoid=others
        )
        head = answer.split()[-1]
        blankable = " " in answer and is_content(head) and family(head) not in doubt
        if len(wrong) < 2 and blankable and _said_once_ending_at(head, sentence, end):
            # a phrase with no wrong choices of its kind: blank its head noun instead, whose
            # neighbours are ("home to wild _____": yeast, not bacteria or fungi)
            on_head = distractors_for(
                head, text, related, MAX_DISTRACTORS, sentence=sentence, avoid=others
            )
            if len(on_head) >= 2:
                answer, start, wrong = head, end - len(head), on_head
        blanked = f"{sentence[:start]}{BLANK}{sentence[end:]}"
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


def _said_once_ending_at(word: str, sentence: str, end: int) -> bool:
    """Whether ``sentence`` says ``word`` only once, ending at ``end``: a blank on it is no
    giveaway elsewhere in the sentence."""
    said = find(word, sentence)
    return said is not None and said.end() == end and find(word, sentence[end:]) is None
