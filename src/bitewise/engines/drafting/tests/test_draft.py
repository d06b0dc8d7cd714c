from __future__ import annotations

import pytest

from bitewise.engines.drafting import draft_segments
from bitewise.engines.drafting.phrases import find, sentences

BUDGET = (
    "Welcome back to the finance session. Our annual budget starts with a revenue forecast. "
    "The revenue forecast uses membership dues and conference income from last year. "
    "Each committee submits a budget request before the board meeting in March. "
    "The board approves the operating budget and sets aside an operating reserve. "
    "A healthy operating reserve covers six months of expenses. "
    "Variance reports compare actual spending with the approved budget every quarter."
)
REPETITION = (
    "Now let's turn to how adults remember what they learn. "
    "Spaced repetition schedules each review just before the learner would forget. "
    "The forgetting curve shows memory decaying quickly after a single lesson. "
    "Retrieval practice means answering quiz questions instead of rereading notes. "
    "Combining spaced repetition with retrieval practice flattens the forgetting curve. "
    "Short review sessions spread over weeks beat one long cramming session."
)
BADGES = (
    "Finally, we come to digital credentials. "
    "An open badge is a verifiable credential that a learner can share anywhere. "
    "The issuer signs the open badge with a private key so employers can verify it. "
    "Each badge names its achievement criteria and the evidence the learner submitted. "
    "Learners collect badges in a digital wallet and share them on professional profiles. "
    "Revoked credentials appear in a status list that verifiers check."
)
TEXTS = [BUDGET, REPETITION, BADGES]


def test_every_answer_occurs_in_its_own_segment() -> None:
    drafts = draft_segments(TEXTS)

    for text, draft in zip(TEXTS, drafts, strict=True):
        assert 2 <= len(draft.questions) <= 4
        for question in draft.questions:
            assert question.answer in text
            assert "_____" in question.prompt and question.answer not in question.prompt


def test_without_related_words_every_question_is_fill_in_the_blank() -> None:
    kinds = {q.kind for draft in draft_segments(TEXTS) for q in draft.questions}

    assert kinds == {"cloze"}  # other segments' terms are never offered as wrong choices


def test_the_title_is_a_plain_noun_phrase_naming_the_topic() -> None:
    drafts = draft_segments(TEXTS)

    for text, draft in zip(TEXTS, drafts, strict=True):
        assert draft.title and len(draft.title) <= 60
        assert draft.title != sentences(text)[0]
        assert draft.title[:1].isupper() and not draft.title.endswith((".", "?"))
        assert all(find(part, text) for part in draft.title.split(" and "))
    assert "budget" in drafts[0].title.lower() or "reserve" in drafts[0].title.lower()
    assert "repetition" in drafts[1].title.lower() or "retrieval" in drafts[1].title.lower()
    assert "badge" in drafts[2].title.lower() or "credential" in drafts[2].title.lower()


def test_summary_and_key_terms_come_from_the_segment() -> None:
    for text, draft in zip(TEXTS, draft_segments(TEXTS), strict=True):
        summary = sentences(draft.summary)
        assert 2 <= len(summary) <= 3
        assert all(sentence in text for sentence in summary)
        assert 3 <= len(draft.key_terms) <= 6
        assert all(find(term, text) for term in draft.key_terms)


def test_it_drafts_the_same_lessons_every_time() -> None:
    assert draft_segments(TEXTS) == draft_segments(list(TEXTS))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("Okay.", id="word"),
    ],
)
def test_an_empty_or_tiny_segment_gets_an_empty_draft_without_failing(text: str) -> None:
    drafts = draft_segments([BUDGET, text])

    assert drafts[1].questions == () and drafts[1].key_terms == ()
    assert drafts[1].title == ""
    assert drafts[0].questions


def test_a_short_segment_gets_what_its_text_supports() -> None:
    (draft,) = draft_segments(["The operating reserve covers six months of expenses."])

    assert draft.title
    assert draft.summary == "The operating reserve covers six months of expenses."
    assert all(q.kind == "cloze" for q in draft.questions)  # no other segment: no distractors
    assert len(draft.questions) <= 1


def test_no_segments_give_no_drafts() -> None:
    assert draft_segments([]) == ()


def test_a_repeated_sentence_appears_once_in_the_summary() -> None:
    (draft,) = draft_segments([f"{BUDGET} {BUDGET} {BUDGET}"])

    summary = sentences(draft.summary)
    assert len(summary) == len(set(summary)) >= 2


def test_greetings_and_pronouns_name_no_topic() -> None:
    text = (
        "Hello everybody and welcome. Thanks, folks, for coming. Somebody asked about handoffs. "
        "A handoff needs a checklist. Nobody should skip the checklist during a handoff."
    )

    (draft,) = draft_segments([text])

    said = {w for term in draft.key_terms for w in term.lower().split()}
    said |= set(draft.title.lower().split()) | {q.answer.lower() for q in draft.questions}
    assert not said & {"hello", "everybody", "welcome", "thanks", "folks", "somebody", "nobody"}
    assert "handoff" in draft.title.lower()
