"""Markdown to safe HTML: Python-Markdown renders, nh3 (Ammonia) sanitizes."""

from __future__ import annotations

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MAX_MARKDOWN_CHARS = 100_000


def sanitize_html(html: str) -> str:
    """Drop every tag, attribute and URL scheme not on the allowlist (scripts, iframes,
    event handlers, ``javascript:`` links); links get ``rel="noopener noreferrer"``."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str) -> str:
    if len(text) > MAX_MARKDOWN_CHARS:
        raise ValueError(f"Markdown longer than {MAX_MARKDOWN_CHARS} characters")
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return sanitize_html(html)
