from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from bitewise.engines.text.markdown import sanitize_html

register = template.Library()


@register.filter
def sanitized(html: str) -> SafeString:
    """Sanitize stored HTML again at render: rows written around the services
    (a restore, a bulk SQL fix) still cannot smuggle script into a page."""
    return mark_safe(sanitize_html(html or ""))  # the allowlist sanitizer's output
