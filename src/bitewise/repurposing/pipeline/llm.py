"""The optional language-model step: when an OpenAI-compatible endpoint is configured
(BITEWISE_LLM_BASE_URL, BITEWISE_LLM_MODEL, BITEWISE_LLM_API_KEY), it may improve each
segment's title, summary and questions; its replies are checked, and a segment whose reply
fails a check keeps the rule-based draft. Warnings say what was kept and why."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from bitewise.engines import drafting


def llm_improve(
    texts: Sequence[str],
    drafts: Sequence[drafting.Draft],
    *,
    on_each: Callable[[int], None] | None = None,
) -> tuple[tuple[drafting.Draft, ...], list[str]]:
    """The drafts, improved where the model's reply passes the checks; ``on_each(n)`` is called
    after each of the n segments (a worker's heartbeat). Never raises for the model's sake."""
    from bitewise.engines.drafting import llm

    try:
        config = llm.LlmConfig.from_env(os.environ)
    except ValueError as exc:  # set but wrong: say so, and draft without it
        return tuple(drafts), [f"Language model not used: {exc}"]
    if config is None or not drafts:
        return tuple(drafts), []
    return llm.improve_drafts(texts, drafts, config, on_each=on_each)
