from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bitewise.engines.podcasts import DownloadError, addresses, fetch_media
from bitewise.engines.podcasts.tests.local_server import Reply, Served, serving

AUDIO = bytes(range(256)) * 400  # 100 KiB
ROUTES = {
    "/episode.mp3": Reply(body=AUDIO),
    "/unsized.mp3": Reply(body=AUDIO, sized=False),
    "/declared-huge.mp3": Reply(body=b"x", headers={"Content-Length": str(10**12)}),
    "/moved.mp3": Reply(302, headers={"Location": "/episode.mp3"}),
    "/to-file.mp3": Reply(302, headers={"Location": "file:///etc/passwd"}),
    "/to-ftp.mp3": Reply(301, headers={"Location": "ftp://127.0.0.1/a.mp3"}),
    "/loop.mp3": Reply(302, headers={"Location": "/loop.mp3?again"}),
    "/loop.mp3?again": Reply(302, headers={"Location": "/loop.mp3"}),
    "/login.mp3": Reply(body=b"<html>sign in</html>", headers={"Content-Type": "text/html"}),
    "/slow.mp3": Reply(body=AUDIO, delay=1.0),
    "/broken.mp3": Reply(500, b"oops"),
    "/hop1": Reply(302, headers={"Location": "/episode.mp3"}),
    **{f"/hop{n}": Reply(307, headers={"Location": f"/hop{n - 1}"}) for n in range(2, 7)},
}


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with serving(ROUTES) as served:
        yield served


def fetch(server: Served, path: str, dest: Path, max_bytes: int = 10**6) -> Path:
    # the test server is on 127.0.0.1; the refusal of such addresses is tested below
    return fetch_media(
        server.base + path, dest, max_bytes=max_bytes, timeout=0.3, allow_private=True
    )


def test_it_saves_the_file_and_leaves_no_temporary_behind(server: Served, tmp_path: Path) -> None:
    saved = fetch(server, "/episode.mp3", tmp_path / "media" / "episode.mp3")

    assert saved == tmp_path / "media" / "episode.mp3"
    assert saved.read_bytes() == AUDIO
    assert [p.name for p in saved.parent.iterdir()] == ["episode.mp3"]


def test_it_follows_a_redirect_to_http(server: Served, tmp_path: Path) -> None:
    assert fetch(server, "/moved.mp3", tmp_path / "a.mp3").read_bytes() == AUDIO


@pytest.mark.parametrize(
    ("path", "max_bytes", "message"),
    [
        pytest.param(
            "/declared-huge.mp3",
            10**6,
            "1.0 TB, over the 1.0 MB limit",
            id="content-length",
        ),
        pytest.param("/unsized.mp3", 50_000, "over the 50 kB limit", id="counted-while-streaming"),
        pytest.param("/missing.mp3", 10**6, "HTTP 404", id="not-found"),
        pytest.param("/broken.mp3", 10**6, "HTTP 500", id="server-error"),
        pytest.param("/to-file.mp3", 10**6, "redirect to 'file:///etc/passwd'", id="to-file"),
        pytest.param("/to-ftp.mp3", 10**6, "redirect to 'ftp:", id="to-ftp"),
        pytest.param("/loop.mp3", 10**6, "More than 5 redirects", id="redirect-loop"),
        pytest.param("/login.mp3", 10**6, "web page", id="html-page"),
        pytest.param("/slow.mp3", 10**6, "nothing from .* for 0.3 s", id="timeout"),
    ],
)
def test_it_refuses_and_writes_nothing(
    server: Served, tmp_path: Path, path: str, max_bytes: int, message: str
) -> None:
    dest = tmp_path / "episode.mp3"

    with pytest.raises(DownloadError, match=message):
        fetch(server, path, dest, max_bytes)

    assert list(tmp_path.iterdir()) == []


def test_a_failed_download_keeps_an_earlier_file(server: Served, tmp_path: Path) -> None:
    dest = tmp_path / "episode.mp3"
    dest.write_bytes(b"earlier")

    with pytest.raises(DownloadError):
        fetch(server, "/unsized.mp3", dest, max_bytes=1000)

    assert dest.read_bytes() == b"earlier"


def test_it_follows_five_redirects_and_no_more(server: Served, tmp_path: Path) -> None:
    assert fetch(server, "/hop5", tmp_path / "a.mp3").read_bytes() == AUDIO
    before = len(server.hits)

    with pytest.raises(DownloadError, match="More than 5 redirects"):
        fetch(server, "/hop6", tmp_path / "b.mp3")

    assert server.hits[before:] == ["/hop6", "/hop5", "/hop4", "/hop3", "/hop2", "/hop1"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.mp3", "data:audio/mpeg;base64,AA"]
)
def test_it_refuses_a_link_that_is_not_http(url: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="only http and https"):
        fetch_media(url, tmp_path / "a.mp3", max_bytes=100, timeout=1)


REFUSED = r"Could not connect to (127\.0\.0\.1|localhost): it did not answer, or is not a public"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_local_address_is_refused_at_connect_time(
    server: Served, tmp_path: Path, host: str
) -> None:
    url = server.base.replace("127.0.0.1", host) + "/episode.mp3"
    before = len(server.hits)

    with pytest.raises(DownloadError, match=REFUSED):
        fetch_media(url, tmp_path / "episode.mp3", max_bytes=10**6, timeout=1)

    assert server.hits[before:] == []  # refused before connecting: no request was sent
    assert list(tmp_path.iterdir()) == []


def test_the_address_is_checked_before_the_tls_handshake(server: Served, tmp_path: Path) -> None:
    url = server.base.replace("http:", "https:") + "/episode.mp3"  # a plain HTTP server

    with pytest.raises(DownloadError, match=REFUSED):
        fetch_media(url, tmp_path / "episode.mp3", max_bytes=10**6, timeout=1)


def test_every_redirect_hop_is_checked(
    server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([True, False])  # the first connection passes, the redirected one does not
    monkeypatch.setattr(addresses, "is_public", lambda address: next(answers))
    before = len(server.hits)

    with pytest.raises(DownloadError, match=REFUSED):
        fetch_media(server.base + "/moved.mp3", tmp_path / "a.mp3", max_bytes=10**6, timeout=1)

    assert server.hits[before:] == ["/moved.mp3"]


def test_a_proxy_in_the_environment_is_not_used(
    server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there

    assert fetch(server, "/episode.mp3", tmp_path / "a.mp3").read_bytes() == AUDIO
    with pytest.raises(DownloadError, match=REFUSED):
        fetch_media(server.base + "/episode.mp3", tmp_path / "b.mp3", max_bytes=100, timeout=1)


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_a_public_address_is_allowed(address: str) -> None:
    assert addresses.is_public(address)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space (carrier-grade NAT)
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fe80::1%lo",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 carrying 127.0.0.1
    ],
)
def test_a_private_or_local_address_is_refused(address: str) -> None:
    assert not addresses.is_public(address)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("allow_private", [False, True], ids=["public-only", "private-allowed"])
def test_an_open_and_a_closed_internal_port_fail_alike(
    server: Served, tmp_path: Path, allow_private: bool
) -> None:
    """The message must not tell a caller which internal ports are open."""
    messages = []
    for url in (
        f"https://127.0.0.1:{server.base.rsplit(':', 1)[1]}/episode.mp3",  # open, not TLS
        f"http://127.0.0.1:{_closed_port()}/episode.mp3",  # nothing listens
        f"https://127.0.0.1:{_closed_port()}/episode.mp3",
    ):
        with pytest.raises(DownloadError) as refused:
            fetch_media(
                url, tmp_path / "a.mp3", max_bytes=100, timeout=1, allow_private=allow_private
            )
        messages.append(str(refused.value))

    assert len(set(messages)) == 1, messages
    assert messages[0].startswith("Could not connect to 127.0.0.1")
    assert list(tmp_path.iterdir()) == []


def test_a_private_open_port_is_refused_without_connecting(server: Served, tmp_path: Path) -> None:
    before = len(server.hits)
    open_url, closed_url = server.base + "/episode.mp3", f"http://127.0.0.1:{_closed_port()}/a"

    with pytest.raises(DownloadError) as open_refused:
        fetch_media(open_url, tmp_path / "a.mp3", max_bytes=100, timeout=1)
    with pytest.raises(DownloadError) as closed_refused:
        fetch_media(closed_url, tmp_path / "a.mp3", max_bytes=100, timeout=1)

    assert str(open_refused.value) == str(closed_refused.value)
    assert server.hits[before:] == []
