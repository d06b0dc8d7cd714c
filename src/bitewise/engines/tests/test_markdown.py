from __future__ import annotations

import pytest

from bitewise.engines.text.markdown import MAX_MARKDOWN_CHARS, render_markdown, sanitize_html


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param("<script>alert(1)</script>", id="script"),
        pytest.param('<iframe src="https://evil.example"></iframe>', id="iframe"),
        pytest.param("[click](javascript:alert(1))", id="javascript-link"),
        pytest.param('<img src="x" onerror="alert(1)">', id="event-handler"),
        pytest.param('<a href="JaVaScRiPt:alert(1)">x</a>', id="mixed-case-scheme"),
        pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style"),
        pytest.param('<svg onload="alert(1)"></svg>', id="svg-onload"),
    ],
)
def test_it_strips_dangerous_markup(payload: str) -> None:
    html = render_markdown(payload).lower()
    for needle in ("<script", "<iframe", "javascript:", "onerror", "onload", "style=", "<svg"):
        assert needle not in html


def test_it_keeps_ordinary_formatting() -> None:
    html = render_markdown("## Steps\n\n1. **Wash** hands\n2. Check [ID](https://example.org)")
    assert "<h2>Steps</h2>" in html
    assert "<strong>Wash</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html


def test_it_refuses_oversized_markdown() -> None:
    with pytest.raises(ValueError, match="longer than"):
        render_markdown("x" * (MAX_MARKDOWN_CHARS + 1))


def test_sanitize_is_idempotent() -> None:
    once = sanitize_html('<p onclick="x()">Hi <b>there</b></p>')
    assert sanitize_html(once) == once == "<p>Hi <b>there</b></p>"
