from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bitewise.engines.text.clock import clock as clock_text
from bitewise.engines.text.markdown import sanitize_html
from bitewise.engines.text.visible import visible_text

register = template.Library()


@register.filter
def sanitized(html: str) -> SafeString:
    """Sanitize stored HTML again at render: rows written around the services
    (a restore, a bulk SQL fix) still cannot smuggle script into a page."""
    return mark_safe(sanitize_html(html or ""))  # the allowlist sanitizer's output


@register.filter
def visible(text: object) -> str:
    """A name or title as it reads: direction overrides and invisible characters removed,
    for values stored before they were refused at input."""
    return visible_text(str(text or ""))


@register.filter
def clock(seconds: float | None) -> str:
    """Seconds as people read them in a recording: 83.4 -> "1:23", 3723 -> "1:02:03"."""
    return "" if seconds is None else clock_text(float(seconds))
