"""``{% access_message decision %}``: why an item is closed, in words."""

from __future__ import annotations

from django import template

from bitewise.engines.access.rules import Decision, refusal_message

register = template.Library()


@register.simple_tag
def access_message(decision: Decision) -> str:
    return refusal_message(decision)
