"""Draft a micro-lesson for each segment: title, summary, key terms and quiz questions."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from bitewise.engines.drafting.data import Draft, Question
from bitewise.engines.drafting.phrases import find, key_phrases, pick_terms, sentences, title_case
from bitewise.engines.segmentation.lexical import hashed_tfidf

MAX_TITLE = 60
MAX_TERMS = 6
MAX_QUESTIONS = 4
MAX_DISTRACTORS = 3
MIN_QUESTION_WORDS = 6  # a shorter sentence gives away too little context to answer from
BLANK = "_____"


def draft_segments(texts: Sequence[str]) -> tuple[Draft, ...]:
    """One :class:`Draft` per segment text; the other texts supply IDF and distractors."""
    ranked = key_phrases(texts)
    terms = [
        _present_terms(pick_terms(r, MAX_TERMS), t) for r, t in zip(ranked, texts, strict=True)
    ]
    return tuple(_draft(index, texts, terms) for index in range(len(texts)))


def _present_terms(terms: list[str], text: str) -> list[str]:
    # keep only terms found verbatim, so every answer can be pointed at in the segment
    return [term for term in terms if find(term, text) is not None]


def _draft(index: int, texts: Sequence[str], terms: list[list[str]]) -> Draft:
    text = texts[index]
    own = terms[index]
    ordered = _by_centrality(list(dict.fromkeys(sentences(text))))  # talks repeat themselves
    return Draft(
        title=_title(own),
        summary=_summary(ordered),
        key_terms=tuple(own),
        questions=_questions(text, own, ordered, _distractor_pool(index, texts, terms)),
    )


def _title(terms: list[str]) -> str:
    if not terms:
        return ""
    if len(terms) > 1:
        pair = f"{title_case(terms[0])} and {title_case(terms[1])}"
        if len(pair) <= MAX_TITLE:
            return pair
    title = title_case(terms[0])
    return title if len(title) <= MAX_TITLE else title[:MAX_TITLE].rsplit(" ", 1)[0]


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


def _summary(ordered: list[tuple[int, str]]) -> str:
    count = 3 if len(ordered) >= 6 else 2
    return " ".join(sentence for _, sentence in sorted(ordered[:count]))


def _distractor_pool(index: int, texts: Sequence[str], terms: list[list[str]]) -> list[str]:
    """Other segments' terms, nearest segments first, that this segment never mentions."""
    others = sorted((i for i in range(len(texts)) if i != index), key=lambda i: (abs(i - index), i))
    pool: list[str] = []
    for rank in range(MAX_TERMS):
        for other in others:
            if rank < len(terms[other]):
                term = terms[other][rank]
                if term not in pool and find(term, texts[index]) is None:
                    pool.append(term)
    return pool


def _questions(
    text: str, own: list[str], ordered: list[tuple[int, str]], pool: list[str]
) -> tuple[Question, ...]:
    questions: list[Question] = []
    used: set[int] = set()
    for term in own:
        spot = next(
            (
                (i, sentence, match)
                for i, sentence in ordered
                if i not in used
                and len(sentence.split()) >= MIN_QUESTION_WORDS
                and (match := find(term, sentence)) is not None
            ),
            None,
        )
        if spot is None:
            continue
        i, sentence, match = spot
        answer = match.group(0)
        blanked = f"{sentence[: match.start()]}{BLANK}{sentence[match.end() :]}"
        distractors = [_like(d, answer) for d in pool if d.lower() != answer.lower()][
            :MAX_DISTRACTORS
        ]
        # alternate the kinds; multiple choice only when other segments offer distractors
        if len(questions) % 2 == 0 and distractors:
            choices = sorted([answer, *distractors], key=lambda c: (zlib.crc32(c.encode()), c))
            questions.append(
                Question(
                    kind="multiple_choice",
                    prompt=f"Which term completes the sentence? {blanked}",
                    choices=tuple(choices),
                    answer=answer,
                )
            )
            taken = {d.lower() for d in distractors}
            pool = [d for d in pool if d not in taken] + [d for d in pool if d in taken]
        else:
            questions.append(
                Question(
                    kind="cloze", prompt=f"Fill in the blank: {blanked}", choices=(), answer=answer
                )
            )
        used.add(i)
        if len(questions) == MAX_QUESTIONS:
            break
    return tuple(questions)


def _like(distractor: str, answer: str) -> str:
    """Capitalize a distractor as the answer is, so its case gives nothing away."""
    if answer[:1].isupper():
        return distractor[:1].upper() + distractor[1:]
    return distractor
