"""What makes a draft worth keeping: plain titles, clean summaries, questions on content terms
with wrong choices of the same kind and topic, and nothing built on a misheard word."""

from __future__ import annotations

import pytest

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.phrases import find, fold, is_content, sentences
from bitewise.engines.drafting.related import Related
from bitewise.engines.drafting.words import doubtful

FUNCTION_WORDS = {"per", "the", "and", "of", "to", "a", "in", "by", "with", "for", "on", "at"}
RATES = (
    "Membership dues rise by seven percent per year under the new plan. "
    "The finance committee reviews the dues schedule every spring before the annual meeting. "
    "A larger reserve fund protects the association when conference income falls short. "
    "Members on a student rate pay half the regular dues until they graduate from school."
)


def test_blanks_fall_only_on_content_terms_never_on_function_words() -> None:
    (draft,) = draft_segments([RATES])

    assert draft.questions
    for question in draft.questions:
        words = question.answer.lower().split()
        assert not set(words) & FUNCTION_WORDS
        assert all(is_content(word) for word in words)


def test_a_word_the_speech_model_was_unsure_of_is_never_the_answer_title_or_summary() -> None:
    heard = (
        "Sourdough is levied bread made with a starter. The levied dough rises slowly overnight "
        "in a cool kitchen. A starter keeps wild yeast alive between bakes when it is fed. "
        "Wild yeast eats the sugars in flour and releases carbon dioxide into the dough."
    )
    sure, unsure = (
        draft_segments([heard, RATES]),
        draft_segments([heard, RATES], unsure=[{"levied"}, set()]),
    )

    assert any("levied" in q.answer.lower() or "levied" in q.prompt for q in sure[0].questions) or (
        "levied" in " ".join(sure[0].key_terms)
    )
    draft = unsure[0]
    assert all("levied" not in term for term in draft.key_terms)
    assert "levied" not in draft.title.lower() and "levied" not in draft.summary.lower()
    assert all(
        "levied" not in q.answer.lower() and "levied" not in q.prompt for q in draft.questions
    )
    assert draft.questions  # the rest of the segment still gives questions


def test_a_word_heard_clearly_in_another_form_is_trusted_where_it_was_once_unsure() -> None:
    said = (
        "Volcanoes form where molten rock reaches the surface. Most volcanoes sit on plate "
        "edges. A volcano's cone grows with each eruption. Shield volcanoes have gentle slopes, "
        "and the volcano in Hawaii is one of them."
    )
    assert doubtful(["volcano"], said) == frozenset()  # one unsure hearing among five
    assert doubtful(["volcano", "volcanoes"], said) == frozenset()  # two among five
    assert doubtful(["volcano", "volcanoes", "volcanoes", "volcano's"], "") == frozenset(
        {"volcano"}  # one family, whatever the forms heard
    )
    assert doubtful(["Hawaii"], said) == frozenset({"hawaii"})  # said once, unsure that once

    draft = draft_segments([said, RATES], unsure=[["volcano"], []])[0]
    assert "volcano" in draft.title.lower()
    # doubted as a word: none of its forms builds the draft
    doubted = "The volcano erupted. A volcano is loud. Volcanoes sit in Hawaii. Volcanoes smoke."
    draft = draft_segments([doubted, RATES], unsure=[["volcano", "volcano"], []])[0]
    assert "volcano" not in draft.title.lower() and "volcano" not in " ".join(draft.key_terms)
    assert doubtful([" ", "'", "- "], said) == frozenset()  # blanks are no words


def test_wrong_choices_share_the_answers_topic_and_kind_and_are_not_in_the_lesson(
    related: Related, four_topics: list[dict[str, str]]
) -> None:
    texts = [t["text"] for t in four_topics]

    drafts = draft_segments(texts, related=related)

    choice_questions = [q for d in drafts for q in d.questions if q.kind == "multiple_choice"]
    assert len(choice_questions) >= 4
    for index, draft in enumerate(drafts):
        other_terms = {fold(t) for i, d in enumerate(drafts) if i != index for t in d.key_terms}
        for question in draft.questions:
            if question.kind != "multiple_choice":
                assert question.choices == ()
                continue
            wrong = [c for c in question.choices if c != question.answer]
            assert question.answer in question.choices and len(wrong) >= 2
            assert len({c.lower() for c in question.choices}) == len(question.choices)
            for choice in wrong:
                assert find(choice, texts[index]) is None  # never secretly right
                assert fold(choice) not in other_terms  # not another lesson's topic
                plural = fold(question.answer) != question.answer.lower()
                assert (fold(choice) != choice.lower()) == plural


def test_no_two_questions_share_an_answer_or_a_sentence(
    related: Related, four_topics: list[dict[str, str]]
) -> None:
    for draft in draft_segments([t["text"] for t in four_topics], related=related):
        answers = [fold(q.answer) for q in draft.questions]
        prompts = [q.prompt.split("? ", 1)[-1].split(": ", 1)[-1] for q in draft.questions]
        assert len(answers) == len(set(answers)) and len(prompts) == len(set(prompts))
        assert 2 <= len(draft.questions) <= 4


def test_each_title_names_its_topic_in_plain_words(four_topics: list[dict[str, str]]) -> None:
    drafts = draft_segments([t["text"] for t in four_topics])

    expected = [("volcano",), ("sourdough", "yeast", "bread"), ("bee", "honey"), ("interest",)]
    for draft, words in zip(drafts, expected, strict=True):
        assert any(word in draft.title.lower() for word in words), draft.title
        assert draft.title[:1].isupper() and len(draft.title) <= 60


def test_summaries_drop_fillers_and_sentences_that_lean_on_the_one_before() -> None:
    text = (
        "Um, so the board approves the operating budget every spring, you know. "
        "It also sets aside money. "
        "The operating reserve covers six months of expenses for the whole association. "
        "Variance reports compare actual spending with the approved budget every quarter."
    )

    (draft,) = draft_segments([text])

    said = sentences(draft.summary)
    assert said and all(not s.lower().startswith(("um", "so ", "it ")) for s in said)
    assert "you know" not in draft.summary and "Um" not in draft.summary
    assert "The board approves the operating budget every spring." in said


def test_summaries_and_questions_drop_the_fillers_of_conversation() -> None:
    text = (
        "Basically, the mempool holds every transaction that waits for a block. "
        "Like I said, a miner actually picks the transactions that pay the highest fee rate. "
        "Anyway, a wallet can literally raise the fee rate of a stuck transaction later on. "
        "Like, the mempool of each node is its own, and nodes basically disagree on it."
    )
    other = "Hardware wallets keep the keys off the computer and sign every payment on the device."

    draft = draft_segments([text, other])[0]

    said = " ".join([draft.summary, *(q.prompt for q in draft.questions)]).lower()
    assert draft.summary and draft.questions
    for filler in ("basically", "actually", "literally", "like i said", "anyway", "like,"):
        assert filler not in said, filler
    assert "The mempool holds every transaction that waits for a block." in draft.summary


_MEMPOOL = (
    "The mempool holds every transaction that waits for a block to be mined. "
    "Miners pick the transactions of the mempool that pay the highest fee rate first. "
    "A transaction that pays too little can wait in the mempool for days. "
    "Each node keeps its own mempool, so two nodes may disagree on it. "
)


@pytest.mark.parametrize(
    ("told", "avoided"),
    [
        (  # the speaker's own story
            "I find that the mempool of my node holds the transactions that wait for a block. "
            "I once waited a week for a transaction and I paid a bigger fee rate.",
            ("I ", "my ", "I'm"),
        ),
        (  # talk about the talk itself
            "Welcome back to the show, today we are going to talk about the mempool and fees. "
            "We'll also briefly touch on why the mempool of each node is its own.",
            ("Welcome", "talk about", "touch on"),
        ),
    ],
    ids=["first person", "about the talk"],
)
def test_summaries_and_questions_quote_the_subject_first(told: str, avoided: tuple[str]) -> None:
    other = "Hardware wallets keep the keys off the computer and sign every payment on the device."

    draft = draft_segments([told + " " + _MEMPOOL, other])[0]

    assert draft.summary and draft.questions
    assert not any(a in draft.summary for a in avoided), draft.summary
    assert not any(a in q.prompt for q in draft.questions for a in avoided)


def test_talk_about_the_talk_is_told_from_talk_about_the_subject() -> None:
    from bitewise.engines.drafting.draft import _ABOUT_THE_TALK

    about = [
        "So today we're going to discuss Bitcoin Core 24.",
        "Let's talk about fee bumping.",
        "I want to quickly touch on the release notes.",
        "Thanks for having me.",
        "Welcome to the Chaincode podcast.",
        "In this episode we cover package relay.",
    ]
    subject = [
        "Miners talk to each other through pools.",  # "talk" about the subject, not the talk
        "The node will discuss nothing; it validates every block.",
        "Fees cover the cost of the block space.",
        "The show of hands decided it.",
    ]
    assert all(_ABOUT_THE_TALK.search(s) for s in about), about
    assert not any(_ABOUT_THE_TALK.search(s) for s in subject)
