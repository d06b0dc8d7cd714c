"""Query text into full-text queries, and result snippets."""

from __future__ import annotations

import itertools
import re

# The words websearch_to_tsquery('english', ...) drops too, so both backends agree.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "do",
        "does",
        "can",
        "should",
        "about",
    ]
)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 6  # 15 pairs at most in a relaxed query


def terms(query: str) -> list[str]:
    """Lower-cased words of ``query`` without stopwords, in order, without repeats."""
    words = [w.lower() for w in _WORD.findall(query)]
    kept = [w for w in words if w not in STOPWORDS]
    return list(dict.fromkeys(kept))


def _operands(query: str, *, prefix: bool, star: str, quote: bool) -> list[str]:
    words = terms(query)[:MAX_TERMS]
    parts = [f'"{w}"' if quote else w for w in words]
    if parts and prefix and query[-1:].isalnum() and _WORD.findall(query)[-1].lower() == words[-1]:
        parts[-1] += star
    return parts


def _relaxed(parts: list[str], *, all_of: str, any_of: str) -> str:
    """Any two of the words (every pair ANDed, the pairs ORed) from three words up; with two,
    either. Far fewer documents match than with any one word, so ranking them stays cheap."""
    if len(parts) < 3:
        return any_of.join(parts)
    return any_of.join(f"({a}{all_of}{b})" for a, b in itertools.combinations(parts, 2))


def fts5_query(query: str, *, prefix: bool = True, relaxed: bool = False) -> str:
    """An FTS5 MATCH expression: every word quoted (so user text is never FTS5 syntax),
    the last one a prefix while the learner is still typing it; ``relaxed``: any two words.
    Empty when nothing is left."""
    parts = _operands(query, prefix=prefix, star="*", quote=True)
    if relaxed:
        return _relaxed(parts, all_of=" AND ", any_of=" OR ")
    return " AND ".join(parts)


def tsquery_relaxed(query: str) -> str:
    """The relaxed query for PostgreSQL ``to_tsquery``: any two words, the last a prefix."""
    parts = _operands(query, prefix=True, star=":*", quote=False)
    return _relaxed(parts, all_of=" & ", any_of=" | ")


def tsquery_prefix(query: str) -> str:
    """The word still being typed as a PostgreSQL prefix tsquery (``word:*``), or empty."""
    words = _WORD.findall(query)
    if not words or not query[-1:].isalnum():
        return ""
    last = words[-1].lower()
    return "" if last in STOPWORDS else f"{last}:*"


def snippet(text: str, query: str, *, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around the first query word found in it."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lower = flat.lower()
    found = [lower.find(w) for w in terms(query) if lower.find(w) >= 0]
    at = min(found) if found else 0
    start = max(0, at - width // 3)
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start else end
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
