"""``{% sso_buttons next as providers %}``: the log-in page's identity provider buttons."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from bitewise.sso.config import providers

register = template.Library()


@register.simple_tag
def sso_buttons(next_url: str = "") -> list[dict[str, str]]:
    query = "?" + urlencode({"next": next_url}) if next_url else ""
    return [
        {
            "label": provider.label,
            "url": reverse(f"sso:{provider.protocol}_login", args=[provider.slug]) + query,
        }
        for provider in providers()
    ]
