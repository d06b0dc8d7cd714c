"""Two lessons' texts and the good drafts a model could reply for them, as chat completions."""

from __future__ import annotations

import json
from typing import Any

BUDGET = (
    "Our annual budget starts with a revenue forecast. Each committee submits a budget request "
    "before the board meeting in March. The board approves the operating budget and sets aside "
    "an operating reserve. A healthy operating reserve covers six months of expenses."
)
MEMORY = (
    "Spaced repetition schedules each review just before the learner would forget. "
    "The forgetting curve shows memory decaying quickly after a single lesson. "
    "Retrieval practice means answering quiz questions instead of rereading notes."
)
TEXTS = [BUDGET, MEMORY]
GOOD_BUDGET: dict[str, Any] = {
    "title": "Budgets and Reserves",
    "summary": "Committees request budgets and the board approves them. "
    "A reserve covers six months of expenses.",
    "questions": [
        {
            "kind": "multiple_choice",
            "prompt": "What should cover six months of expenses?",
            "choices": ["Revenue forecast", "Operating Reserve", "Budget request"],
            "answer": "Operating Reserve",
        },
        {
            "kind": "cloze",
            "prompt": "Each committee submits a _____ before the board meeting in March.",
            "choices": [],
            "answer": "budget request",
        },
    ],
}
GOOD_MEMORY: dict[str, Any] = {
    "title": "Remembering What You Learn",
    "summary": "Reviews are spaced to beat the forgetting curve.",
    "questions": [
        {
            "kind": "cloze",
            "prompt": "_____ schedules each review just before the learner would forget.",
            "choices": [],
            "answer": "Spaced repetition",
        },
        {
            "kind": "multiple_choice",
            "prompt": "What means answering quiz questions instead of rereading notes?",
            "choices": ["Retrieval practice", "Cramming"],
            "answer": "Retrieval practice",
        },
    ],
}


def completion(content: object) -> bytes:
    text = content if isinstance(content, str) else json.dumps(content)
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]}).encode()
