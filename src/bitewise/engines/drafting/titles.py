"""A lesson's title: a noun phrase naming its topic in the speaker's words, as in
"Volcanoes and tectonic plates", never a sentence or a pair of loose key words."""

from __future__ import annotations

import re

from bitewise.engines.drafting.phrases import find, fold, is_content
from bitewise.engines.drafting.words import is_verb

MAX_TITLE = 60


def _surface(term: str, text: str) -> str:
    """``term`` as the speaker said it (its first occurrence), in sentence case."""
    match = find(term, text)
    said = match.group(0) if match else term
    said = " ".join(said.split())
    if said.isupper() and len(said) > 1:  # an acronym stays as it is
        return said
    return said[:1].upper() + said[1:]


def title_for(terms: list[str], text: str, ordered: list[tuple[int, str]]) -> str:
    """A noun phrase naming the topic: the main term, and the term most often said in the
    same sentences as it, as in "Volcanoes and tectonic plates"."""
    if not terms:
        return ""
    said = [s for _, s in ordered]
    in_order = [s for _, s in sorted(ordered)]
    first, second = ([*in_order, "", ""])[:2]

    def weight(rank: int, term: str) -> float:
        # the key-phrase rank, counted most for a term in the opening (topic) sentence
        return (4.0 if _said(term, first) else 1.5 if _said(term, second) else 1.0) / (rank + 1)

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


def _said(term: str, sentence: str) -> bool:
    """``term`` in ``sentence`` in any number, or as speech recognition may write a plural:
    "volcanoes" is said in "volcano's form"."""
    singular = re.escape(fold(term)).replace(r"\ ", r"\s+")
    pattern = rf"(?<![\w'-]){singular}(?:s|es|'s|\u2019s)?(?![\w'-])"
    return bool(find(term, sentence) or re.search(pattern, sentence, flags=re.IGNORECASE))


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
