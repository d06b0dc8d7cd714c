"""Wrong choices come from words near the answer on the segment's own topic, never from other
lessons' terms, and never from words the segment says."""

from __future__ import annotations

import numpy as np

from bitewise.engines.drafting import Related, distractors_for
from bitewise.engines.drafting.distractors import role_in
from bitewise.engines.drafting.phrases import find
from bitewise.engines.drafting.tests.fakes import Neighbours

VOLCANO = (
    "A volcano forms where molten rock called magma rises through the crust at plate "
    "boundaries. When pressure builds the magma erupts as lava and ash."
)
BEES = (
    "Honey bees carry pollen from flower to flower, and the colony turns the nectar into "
    "honey inside the hive."
)
NURSING = (
    "Closed-loop communication means the receiver repeats the order back. The nurse reads "
    "the medication order back to the physician before giving the dose."
)


def _topic(related: Related, text: str) -> np.ndarray:
    vector: np.ndarray = np.asarray(related.embed([text]), dtype=np.float64)[0]
    unit: np.ndarray = vector / np.linalg.norm(vector)
    return unit


def test_wrong_choices_are_on_the_segments_topic_and_never_said_in_it(related: Related) -> None:
    wrong = distractors_for("magma", VOLCANO, related, 3)

    assert 2 <= len(wrong) <= 3 and "magma" not in wrong
    assert all(find(word, VOLCANO) is None for word in wrong)
    volcano, bees = _topic(related, VOLCANO), _topic(related, BEES)
    for word in wrong:  # of the volcano lesson's topic, not of another lesson's
        vector = _topic(related, word)
        assert vector @ volcano > vector @ bees, word


def test_case_follows_the_answer_and_the_count_is_a_maximum(related: Related) -> None:
    wrong = distractors_for("Physician", NURSING, related, 2)
    assert 1 <= len(wrong) <= 2 and all(w[:1].isupper() for w in wrong)
    assert all(find(w, NURSING) is None for w in wrong)
    assert (
        distractors_for("medication", NURSING, related, 1)
        == distractors_for("medication", NURSING, related, 3)[:1]
    )


def test_no_wrong_choices_without_the_model_or_for_a_phrase(related: Related) -> None:
    assert distractors_for("magma", VOLCANO, None, 3) == []
    assert distractors_for("plate boundaries", VOLCANO, related, 3) == []
    assert distractors_for("magma", VOLCANO, related, 0) == []


def test_a_phrase_gets_the_lessons_other_terms_that_its_sentence_does_not_say(
    related: Related,
) -> None:
    budget = (
        "Our annual budget starts with a revenue forecast and an operating reserve. Variance "
        "reports compare actual spending with the approved budget."
    )
    sentence = "Our annual budget starts with a revenue forecast and an operating reserve."
    terms = ["revenue forecast", "operating reserve", "variance report", "approved budget"]

    wrong = distractors_for(
        "revenue forecast", budget, related, 3, own_terms=terms, sentence=sentence
    )

    assert wrong == ["variance report", "approved budget"]  # the sentence says the reserve
    assert distractors_for("Revenue forecast", budget, None, 1, own_terms=terms) == [
        "Operating reserve"
    ]
    assert distractors_for("revenue", budget, None, 3, own_terms=terms) == []  # not a phrase


def test_a_wrong_choice_can_stand_where_the_answer_stands() -> None:
    text = "With simple interest, you earn a return only on the money you first put in."
    simple = Neighbours(["explain", "easier", "easy", "basic", "simplest"])
    air = Neighbours(["airborne", "breathe", "atmospheric", "blowing", "wind", "humid", "oxygen"])
    bees = Neighbours(["bee", "geology", "insects", "flies"])

    assert distractors_for("simple", text, simple.related(), 3) == ["easy", "basic"]
    assert distractors_for("air", "Cool air holds less vapor.", air.related(), 3) == [
        "wind",
        "oxygen",
    ]
    # plural for plural; a mass noun is no plural ("Most geology sit along the edges")
    assert distractors_for("bees", "Most bees are workers.", bees.related(), 3) == [
        "insects",
        "flies",
    ]


def test_words_the_lexicon_does_not_know_fall_back_to_spelling() -> None:
    names = Neighbours(["Caxton", "Printers", "Aldus"])
    text = "Gutenberg printed with movable metal type."
    assert distractors_for("Gutenberg", text, names.related(), 3) == ["Caxton", "Aldus"]


def test_a_noun_is_put_in_the_answers_number_where_that_is_safe() -> None:
    text = "Magma rises through the crust. Volcanoes sit at plate boundaries."
    magma = Neighbours(["eruptions", "volcanic", "leaves", "boulders"])
    # made singular; "leaves" is of a leaf or of leave, so it is left out; an adjective too
    assert distractors_for("magma", text, magma.related(), 3) == ["eruption", "boulder"]
    # made plural only where the plural is a common word: never "honeys"
    volcanoes = Neighbours(["boulder", "honey", "crater"], common=("boulders", "craters"))
    assert distractors_for("volcanoes", text, volcanoes.related(), 3) == ["boulders", "craters"]


def test_an_adjectives_place_takes_an_adjective() -> None:
    sentence = "With simple interest, you earn a return only on the money you first put in."
    simple = Neighbours(["explanation", "complicated", "elaborate"])

    assert distractors_for("simple", sentence, simple.related(), 3, sentence=sentence) == [
        "complicated",
        "elaborate",
    ]
    assert role_in("simple", sentence) == "ADJ"
    assert role_in("patient", "Clean your hands before touching a patient and after.") == "NOUN"
    assert role_in("magma", "Magma rises.") == ""  # a noun only: nothing to tell
    assert role_in("wild yeast", "Wild yeast lives in flour.") == ""


def test_near_synonyms_are_no_wrong_choices(related: Related) -> None:
    near = [w for w, _ in related.similar("money", 40)]
    assert near and "cash" not in near and "funds" not in near  # secretly right
    assert "easy" not in [w for w, _ in related.similar("simple", 40)]
