"""Template tags the reinforcement app offers other pages (the "Today" feed)."""

from __future__ import annotations

from typing import Any

from django import template

from bitewise.accounts.models import User
from bitewise.reinforcement.selectors import today_items

register = template.Library()


@register.inclusion_tag("reinforcement/_today_feed.html", takes_context=True)
def today_feed(context: dict[str, Any]) -> dict[str, Any]:
    """The learner's campaign steps delivered today (in their zone): lessons, questions,
    messages. Empty for visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    items = today_items(user) if isinstance(user, User) else []
    return {"items": items, "request": request}
