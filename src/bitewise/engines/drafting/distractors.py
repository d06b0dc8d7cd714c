"""Wrong answers for a question, all from the lesson's own topic: words near the answer in
meaning that the segment never says (so none is secretly right), else the lesson's other key
terms that the question's sentence does not say. Never terms of other lessons: a wrong choice
from an unrelated topic gives the right one away."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bitewise.engines.drafting.lexicon import forms, like, parts, spellings
from bitewise.engines.drafting.phrases import find, fold, is_content
from bitewise.engines.drafting.related import Related, same_kind

NEIGHBOURS = 40  # nearest words looked at for each answer


def distractors_for(
    answer: str,
    text: str,
    related: Related | None,
    count: int,
    *,
    own_terms: Sequence[str] = (),
    sentence: str = "",
    avoid: Collection[str] = (),
) -> list[str]:
    """Up to ``count`` wrong choices for ``answer`` in a question on ``text`` (the lesson),
    capitalized as the answer is, each of the answer's kind, no two forms of one word:

    first words from ``related`` near the answer and on the lesson's topic that ``text`` never
    says, a noun put in the answer's number (a single-word answer only: no single word is the
    same kind as a phrase); then the lesson's ``own_terms`` (its other key terms) that
    ``sentence`` (the question's, blank filled) does not say and that share no word with the
    answer. None is in ``avoid`` (other
    lessons' key terms, folded). Where ``sentence`` shows the answer's part of speech
    (:func:`role_in`), a word the lexicon knows must be able to play it."""
    if count <= 0 or not answer.strip():
        return []
    chosen: list[str] = []
    role = role_in(answer, sentence)

    def take(word: str) -> bool:
        if fold(word) in avoid or not _same_kind(word, answer):
            return False
        kinds = {kind for kind, _ in forms(word)}
        if role and " " not in word.strip() and kinds and role not in kinds:
            return False  # "with _____ interest": an adjective's place, not "explanation"
        if any(_overlap(word, c) for c in [answer, *chosen]):
            return False
        chosen.append(word[:1].upper() + word[1:] if answer[:1].isupper() else word)
        return len(chosen) == count

    if related is not None and " " not in answer.strip():
        for near, _score in related.similar(answer, NEIGHBOURS, context=text):
            word = like(near, answer, related.knows) or near  # "eruption" for "magma"
            if not any(find(form, text) for form in spellings(word)) and take(word):
                return chosen
    for term in own_terms:
        if (" " in term) == (" " in answer.strip()) and find(term, sentence) is None and take(term):
            return chosen
    return chosen


def _same_kind(term: str, answer: str) -> bool:
    """Two noun phrases end in their head noun ("actual spending"): only the number must
    match (by the lexicon, else by spelling); a single word must be able to stand where the
    answer stands (:func:`same_kind`)."""
    if " " in term.strip() and " " in answer.strip():
        return _plural(answer.lower().split()[-1]) == _plural(term.lower().split()[-1])
    return same_kind(term, answer)


def _plural(noun: str) -> bool:
    """Whether a phrase's head noun is plural: by the lexicon where it knows the word as a noun
    in one number only, else by spelling."""
    numbers = {tag for kind, tag in forms(noun) if kind == "NOUN"}
    if len(numbers) == 1:
        return numbers == {"NNS"}
    return fold(noun) != noun


def _overlap(word: str, other: str) -> bool:
    """Whether two terms share a word (or its first five letters, once made singular)."""
    mine = {fold(w)[:5] for w in word.lower().split()}
    return bool(mine & {fold(w)[:5] for w in other.lower().split()})


def role_in(answer: str, sentence: str) -> str:
    """The part of speech a one-word ``answer`` plays in ``sentence``, where the lexicon allows
    it both ways: "ADJ" before a noun ("with simple interest"), "NOUN" otherwise ("touching a
    patient"); "" when it cannot be told (a phrase, an answer not in the sentence, a word of
    one part of speech)."""
    kinds = {kind for kind, _ in forms(answer)}
    if " " in answer.strip() or kinds != {"ADJ", "NOUN"}:
        return ""
    said = find(answer, sentence)
    if said is None:
        return ""
    after = sentence[said.end() :].split()
    following = after[0].strip(",.;:!?").lower() if after else ""
    before_noun = bool(following) and is_content(following) and "NOUN" in parts(following)
    return "ADJ" if before_noun else "NOUN"
