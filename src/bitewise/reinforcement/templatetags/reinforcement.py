"""Template tags the reinforcement app offers other pages (the "Today" feed)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("reinforcement/_today_feed.html", takes_context=True)
def today_feed(context: dict[str, Any]) -> dict[str, Any]:
    """The learner's campaign steps due today (lessons, questions, messages)."""
    return {"items": [], "request": context.get("request")}
