"""Today's retention checks, for the reviews app's Today page and its daily digest (loaded
by name in their templates, so neither app imports this one)."""

from __future__ import annotations

from typing import Any

from django import template

from bitewise.accounts.models import User
from bitewise.insight.selectors.checks import checks_for_today

register = template.Library()


def _checks(learner: Any, queue: Any) -> list[Any]:
    if not isinstance(learner, User) or queue is None or queue.is_on_hold:
        return []
    return checks_for_today(
        learner=learner, reviews_done=queue.done_today, reviews_waiting=queue.left_today
    )


@register.inclusion_tag("insight/today_checks.html", takes_context=True)
def retention_checks(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    learner = getattr(request, "user", None)
    checks = _checks(learner, context.get("queue"))
    return {"check": checks[0] if checks else None, "waiting": len(checks), "request": request}


@register.simple_tag
def retention_checks_waiting(learner: Any, queue: Any) -> int:
    """How many checks Today holds for the learner now (for the digest)."""
    return len(_checks(learner, queue))
