"""A Content-Security-Policy on every page, nothing inline that it would block, nothing loaded
from another origin, and one BITEWISE_HTTPS switch for HTTPS deployments."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from bitewise.common.tests.test_cli import bitewise

SRC = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path
    for path in SRC.glob("*/templates/**/*.html")
    # emails are not pages: mail clients need inline styles and ignore CSP
    if "/email/" not in path.as_posix()
)
PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/webinars/", "/api/docs", "/admin/login/"]


@pytest.mark.django_db
def test_every_page_gets_a_policy_with_no_inline_script_or_style(client: Client) -> None:
    for url in PAGES:
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'", url
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'", url
        assert directives["frame-ancestors"] == "'none'", url
        assert "unsafe" not in policy, url


@pytest.mark.django_db
def test_pages_ask_for_no_inline_script_or_style(client: Client) -> None:
    for url in PAGES:
        page = client.get(url).content.decode()
        found = InlineFinder.scan(page)
        assert not found, f"{url}: {found}"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_has_inline_script_style_or_event_handlers(template: Path) -> None:
    found = InlineFinder.scan(template.read_text())
    assert not found, found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_loads_a_script_style_or_font_from_another_origin(template: Path) -> None:
    text = template.read_text()
    assert not OFF_ORIGIN.findall(text)


def test_no_stylesheet_we_serve_imports_from_another_origin() -> None:
    sheets = [*SRC.glob("*/static/**/*.css")]
    assert sheets
    for sheet in sheets:
        css = sheet.read_text()
        assert not re.search(r"(@import|url\()\s*['\"]?\s*(https?:)?//", css), sheet


@pytest.mark.django_db
def test_served_pages_and_the_api_docs_load_everything_from_this_site(client: Client) -> None:
    for url in PAGES:
        page = client.get(url).content.decode()
        for tag, attribute, value in Resources.scan(page):
            assert not re.match(r"^\s*(https?:)?//", value), f"{url}: <{tag} {attribute}={value}>"
    docs = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert '"validatorUrl": null' in docs  # no badge image fetched from swagger.io
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def settings_in_a_fresh_process(tmp_path: Path, **env: str) -> dict[str, object]:
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
        " for k in ('SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER',"
        " 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE')}))"
    )
    finished = bitewise("shell", "-c", code, BITEWISE_DATA_DIR=str(tmp_path), **env)
    assert finished.returncode == 0, finished.stderr
    values: dict[str, object] = json.loads(finished.stdout.strip().splitlines()[-1])
    return values


def test_bitewise_https_turns_on_every_https_setting(tmp_path: Path) -> None:
    assert settings_in_a_fresh_process(tmp_path, BITEWISE_HTTPS="true") == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_without_it_nothing_assumes_https(tmp_path: Path) -> None:
    assert settings_in_a_fresh_process(tmp_path, BITEWISE_HTTPS="") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_the_old_secure_cookies_switch_still_secures_the_cookies(tmp_path: Path) -> None:
    values = settings_in_a_fresh_process(tmp_path, BITEWISE_SECURE_COOKIES="true")
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is False


def test_a_misspelt_https_switch_is_refused(tmp_path: Path) -> None:
    finished = bitewise("check", BITEWISE_DATA_DIR=str(tmp_path), BITEWISE_HTTPS="yes")
    assert finished.returncode == 2
    assert "BITEWISE_HTTPS must be true/false" in finished.stderr


@pytest.mark.django_db
def test_behind_an_https_proxy_http_is_redirected_and_https_gets_hsts(
    client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    plain = client.get("/accounts/login/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/healthz").status_code == 200  # load balancer checks stay on HTTP


class InlineFinder(HTMLParser):
    """Inline <script> and <style>, style attributes, on* handlers and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    @classmethod
    def scan(cls, text: str) -> list[str]:
        finder = cls()
        finder.feed(text)
        return finder.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")


class Resources(HTMLParser):
    """(tag, attribute, URL) of everything a page loads: scripts, styles, fonts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    @classmethod
    def scan(cls, text: str) -> list[tuple[str, str, str]]:
        finder = cls()
        finder.feed(text)
        return finder.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag in ("script", "img", "iframe", "source") and names.get("src"):
            self.found.append((tag, "src", names["src"] or ""))
        if tag == "link" and names.get("href") and names.get("rel") != "canonical":
            self.found.append((tag, "href", names["href"] or ""))


# <script src>, <link href>, @import and url() pointing at another origin
OFF_ORIGIN = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*['\"]\s*(?:https?:)?//"
    r"|@import\s+['\"]?(?:https?:)?//|url\(\s*['\"]?(?:https?:)?//",
    re.IGNORECASE,
)
