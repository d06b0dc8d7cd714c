from __future__ import annotations

import pytest

from bitewise.engines.podcasts.fields import duration_seconds, is_http_url, plain_text


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        pytest.param("95", 95.0, id="seconds"),
        pytest.param("12:30", 750.0, id="minutes-seconds"),
        pytest.param("75:30", 4530.0, id="long-minutes"),
        pytest.param("1:02:03", 3723.0, id="hours"),
        pytest.param("01:02:03.5", 3723.5, id="fraction"),
        pytest.param(" 00:45 ", 45.0, id="spaces"),
        pytest.param("1:75", None, id="seconds-over-59"),
        pytest.param("1:60:00", None, id="minutes-over-59"),
        pytest.param("1:2:3:4", None, id="four-parts"),
        pytest.param("-5", None, id="negative"),
        pytest.param("about an hour", None, id="words"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="missing"),
    ],
)
def test_itunes_durations(value: str | None, seconds: float | None) -> None:
    assert duration_seconds(value) == seconds


@pytest.mark.parametrize(
    ("url", "is_http"),
    [
        pytest.param("https://cdn.example.org/a.mp3", True, id="https"),
        pytest.param("http://cdn.example.org/a.mp3", True, id="http"),
        pytest.param("file:///etc/passwd", False, id="file"),
        pytest.param("javascript:alert(1)", False, id="javascript"),
        pytest.param("data:audio/mpeg;base64,AAAA", False, id="data"),
        pytest.param("ftp://example.org/a.mp3", False, id="ftp"),
        pytest.param("/episodes/a.mp3", False, id="relative"),
        pytest.param("https:///a.mp3", False, id="no-host"),
        pytest.param("http://[::1", False, id="unparseable"),
    ],
)
def test_only_http_urls_with_a_host_pass(url: str, is_http: bool) -> None:
    assert is_http_url(url) is is_http


@pytest.mark.parametrize(
    ("html", "text"),
    [
        pytest.param("<p>One</p><p>Two</p>", "One Two", id="blocks-apart"),
        pytest.param("a <b>bold</b> word", "a bold word", id="inline-together"),
        pytest.param("Fish &amp; chips &#8212; &eacute;", "Fish & chips \u2014 é", id="refs"),
        pytest.param("x<script>alert(1)</script>y<style>p{}</style>", "xy", id="scripts"),
        pytest.param("line<br>break", "line break", id="br"),
    ],
)
def test_plain_text(html: str, text: str) -> None:
    assert plain_text(html) == text
