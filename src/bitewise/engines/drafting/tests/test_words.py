"""Nouns rather than verbs: the lexicon's parts of speech and how the speaker uses a word."""

from __future__ import annotations

import pytest

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.tests.fakes import Neighbours
from bitewise.engines.drafting.words import is_noun, is_verb

HYGIENE = (
    "Hand hygiene is the single most effective way to stop infections from spreading in "
    "hospitals. Germs travel on the hands of staff. The thing to remember is that you earn "
    "trust with clean hands. A sink sits below the ceiling lamp; the cleaner added soap."
)


@pytest.mark.parametrize(
    ("phrase", "verb"),
    [
        ("stop infections", True),  # led by a verb the speaker uses as one ("to stop")
        ("hand hygiene", False),
        ("learner forgets", True),  # ends in a verb
        ("actual spending", False),  # a gerund is a noun
        ("issuer signs", False),  # signs may be a noun: the lexicon cannot tell
        ("earn", True),  # a verb only
        ("added", True),
        ("thing", False),  # a noun only, whatever its ending
        ("ceiling", False),
        ("germs", False),
        ("", False),
    ],
)
def test_is_verb(phrase: str, verb: bool) -> None:
    assert is_verb(phrase, HYGIENE) is verb


def test_a_phrase_a_verb_leads_is_no_term() -> None:
    assert not is_noun("stop infections", HYGIENE)
    assert is_noun("hand hygiene", HYGIENE) and is_noun("ceiling", HYGIENE)

    draft = draft_segments([HYGIENE * 2, "Bees carry pollen. The hive stores honey. " * 3])[0]

    assert all(not t.lower().startswith("stop ") for t in draft.key_terms)
    assert "stop" not in draft.title.lower()


def test_a_word_the_lexicon_knows_never_as_a_noun_is_no_term() -> None:
    chat = (
        "That is a nice idea, anyway. The nice part is the actual cost of the ledger. "
        "Anyway, the ledger keeps every payment, and a nice ledger is an honest one."
    )

    for word in ("nice", "anyway", "actual cost"):
        assert is_noun(word, chat) is (word == "actual cost"), word
    assert not is_noun("ledger nice", chat)
    assert is_noun("ledger", chat) and is_noun("gutenberg", "The press of Gutenberg.")
    assert is_noun("fee bumping", "The fee bumping is done.")  # a gerund is a noun


def test_a_phrase_with_no_wrong_choices_of_its_kind_blanks_its_head_noun() -> None:
    sourdough = (
        "Sourdough bread rises without yeast from a packet. The baker keeps a starter that is "
        "home to wild yeast and friendly bacteria, fed with flour and water every day. "
        "Bakers say wild yeast gives the loaf its sour taste and its open crumb. "
    )
    # "bacterium" is said, as "bacteria": never a wrong choice
    near = Neighbours(["bacterium", "mould", "fungus", "microbe"]).related()

    drafts = draft_segments(
        [sourdough * 2, "Bees carry pollen. The hive stores honey. " * 3], related=near
    )

    heads = [q for q in drafts[0].questions if "wild _____" in q.prompt]
    assert heads and heads[0].answer == "yeast" and heads[0].kind == "multiple_choice"
    assert sorted(heads[0].choices) == ["fungus", "microbe", "mould", "yeast"]
