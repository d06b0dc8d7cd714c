"""What a model's reply must be to replace a draft, and the model's settings from the
environment."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import pytest

from bitewise.engines.drafting import Question, draft_segments
from bitewise.engines.drafting.llm import (
    LlmConfig,
    Rejected,
    checked_draft,
)
from bitewise.engines.drafting.tests.llm_replies import (
    BUDGET,
    GOOD_BUDGET,
)


def broken(change: Mapping[str, Any], question: Mapping[str, Any] | None = None) -> dict[str, Any]:
    reply = {**copy.deepcopy(GOOD_BUDGET), **change}
    if question is not None:
        reply["questions"][0] = {**reply["questions"][0], **question}
    return reply


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        pytest.param([], "not a JSON object", id="a-list"),
        pytest.param(broken({"title": ""}), "title missing", id="no-title"),
        pytest.param(broken({"title": "x" * 61}), "title missing or over 60", id="long-title"),
        pytest.param(broken({"summary": ""}), "summary not 1-3", id="no-summary"),
        pytest.param(broken({"summary": "One. Two. Three. Four."}), "summary", id="4-sentences"),
        pytest.param(broken({"summary": "Budgets. " * 70}), "summary", id="long-summary"),
        pytest.param(broken({"questions": GOOD_BUDGET["questions"][:1]}), "2-4", id="one-q"),
        pytest.param(broken({"questions": GOOD_BUDGET["questions"] * 3}), "2-4", id="six-qs"),
        pytest.param(broken({}, {"kind": "essay"}), "unknown question kind", id="kind"),
        pytest.param(broken({}, {"answer": "Cash"}), "not in the segment", id="not-in-text"),
        pytest.param(
            broken({}, {"choices": ["Revenue forecast", "Budget request"]}),
            "answer not among the choices",
            id="not-a-choice",
        ),
        pytest.param(
            broken({}, {"choices": ["Operating Reserve"]}), "2-5 different", id="one-choice"
        ),
        pytest.param(
            broken({}, {"choices": ["Operating Reserve", "operating reserve"]}),
            "2-5 different",
            id="duplicate-choices",
        ),
        pytest.param(
            broken({}, {"choices": ["Operating Reserve", "a", "b", "c", "d", "e"]}),
            "2-5 different",
            id="six-choices",
        ),
        pytest.param(
            broken({}, {"kind": "cloze", "prompt": "What covers six months?"}),
            "cloze prompt without _____",
            id="cloze-without-blank",
        ),
        pytest.param(
            broken({}, {"prompt": "Is the operating reserve six months?"}),
            "gives the answer away",
            id="answer-in-prompt",
        ),
        pytest.param(
            broken({"questions": [GOOD_BUDGET["questions"][1]] * 2}), "same question", id="twice"
        ),
    ],
)
def test_the_reply_checks(reply: object, reason: str) -> None:
    draft = draft_segments([BUDGET])[0]

    with pytest.raises(Rejected, match=reason):
        checked_draft(reply, BUDGET, draft)


def test_a_checked_cloze_has_no_choices() -> None:
    reply = broken({}, {"kind": "cloze", "prompt": "A healthy _____ covers six months."})

    checked = checked_draft(reply, BUDGET, draft_segments([BUDGET])[0])

    assert checked.questions[0] == Question(
        kind="cloze",
        prompt="A healthy _____ covers six months.",
        choices=(),
        answer="operating reserve",
    )


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        pytest.param({}, None, id="unset"),
        pytest.param({"BITEWISE_LLM_BASE_URL": " "}, None, id="empty"),
        pytest.param(
            {"BITEWISE_LLM_BASE_URL": "http://localhost:11434/v1/", "BITEWISE_LLM_MODEL": "m"},
            LlmConfig(base_url="http://localhost:11434/v1", model="m", api_key=None, timeout=60),
            id="defaults",
        ),
        pytest.param(
            {
                "BITEWISE_LLM_BASE_URL": "https://api.example.com/v1",
                "BITEWISE_LLM_MODEL": "m",
                "BITEWISE_LLM_API_KEY": "sk-1",
                "BITEWISE_LLM_TIMEOUT": "12.5",
            },
            LlmConfig(
                base_url="https://api.example.com/v1", model="m", api_key="sk-1", timeout=12.5
            ),
            id="everything",
        ),
    ],
)
def test_config_from_the_environment(environ: dict[str, str], expected: LlmConfig | None) -> None:
    assert LlmConfig.from_env(environ) == expected


URL = {"BITEWISE_LLM_BASE_URL": "http://h/v1"}


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        pytest.param(URL, "MODEL", id="no-model"),
        pytest.param({"BITEWISE_LLM_BASE_URL": "file:///v1"}, "BASE_URL", id="not-http"),
        pytest.param({**URL, "BITEWISE_LLM_MODEL": "m", "BITEWISE_LLM_TIMEOUT": "soon"}, "TIMEOUT"),
        pytest.param({**URL, "BITEWISE_LLM_MODEL": "m", "BITEWISE_LLM_TIMEOUT": "0"}, "TIMEOUT"),
        pytest.param({**URL, "BITEWISE_LLM_MODEL": "m", "BITEWISE_LLM_TIMEOUT": "nan"}, "TIMEOUT"),
    ],
)
def test_config_refuses_unusable_values(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ValueError, match=f"BITEWISE_LLM_{variable}"):
        LlmConfig.from_env(environ)
