"""Download an episode's media file: http(s) only, size-capped, to a temporary file that is
renamed into place only when complete.

Unless ``allow_private`` is set, every connection (each redirect hop included) resolves the
host once, refuses it when any address it names is private or local, and connects only to the
addresses it checked (so DNS rebinding cannot swap one in): a feed cannot point the worker at
internal services. Proxies from the http(s)_proxy environment variables are never used, since
the check would then only see the proxy.

Every failure to connect (a refused or blocked address, a name that does not resolve, no
route, no answer) reads the same, so the message cannot tell a caller which internal ports
are open."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO
from urllib.parse import urljoin, urlsplit

from bitewise.engines.podcasts import addresses
from bitewise.engines.podcasts.data import DownloadError
from bitewise.engines.podcasts.fields import is_http_url
from bitewise.engines.text.numbers import whole_number
from bitewise.engines.text.sizes import describe_bytes, size_and_limit

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "Bitewise podcast import"


def cannot_connect(host: str) -> DownloadError:
    """The one error for any failure to reach ``host``, whatever the reason."""
    return DownloadError(
        f"Could not connect to {host}: it did not answer, or is not a public address."
    )


def fetch_media(
    url: str,
    dest: Path,
    *,
    max_bytes: int,
    timeout: float,
    max_seconds: float | None = 3600.0,
    allow_private: bool = False,
) -> Path:
    """Stream ``url`` to ``dest`` and return ``dest``.

    ``timeout`` bounds connecting and each read; ``max_seconds`` the whole download (a server
    trickling bytes would otherwise hold a worker for ever). Anything over ``max_bytes``, by
    Content-Length or by count while streaming, is refused. ``dest`` is untouched on failure.
    ``allow_private`` permits private and local addresses (for tests and closed networks).
    """
    if not is_http_url(url):
        raise DownloadError(f"Refusing to download {url!r}: only http and https links are used.")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    try:
        with _opener(allow_private).open(request, timeout=timeout) as response:
            _check_headers(url, response.headers, max_bytes)
            return _save(response, dest, max_bytes=max_bytes, deadline=deadline)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise DownloadError(f"The server answered HTTP {exc.code} {exc.reason} for {url}.") from exc
    except urllib.error.URLError as exc:
        # raised while connecting or sending: refused, unreachable and slow read alike
        raise cannot_connect(urlsplit(url).hostname or url) from exc
    except TimeoutError as exc:
        raise DownloadError(f"Timed out: nothing from {url} for {timeout:g} s.") from exc
    except http.client.IncompleteRead as exc:
        raise DownloadError(f"The server closed the connection before the end of {url}.") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise DownloadError(f"The download of {url} failed: {exc}") from exc


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> IO[bytes] | None:
        location = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        # urllib itself would follow ftp:, and reports file: as an unclear HTTP error
        if not is_http_url(location):
            raise DownloadError(f"Refusing a redirect to {location!r}: only http and https.")
        # counted per download: urllib counts distinct URLs, so a loop runs up to 8 times
        if getattr(req, "redirects", 0) >= MAX_REDIRECTS:
            raise DownloadError(f"More than {MAX_REDIRECTS} redirects from {req.full_url}.")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.redirects = getattr(req, "redirects", 0) + 1  # type: ignore[attr-defined]
        return new


def _connect_public(
    address: tuple[str, int], timeout: float | None, source_address: object = None
) -> socket.socket:
    """A socket connected to ``address``'s host, only ever to an address checked public."""
    host, port = address
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise cannot_connect(host) from exc
    # A name that resolves to any private address is refused whole, before any connection.
    if not found or not all(addresses.is_public(str(info[4][0])) for info in found):
        raise cannot_connect(host)
    for family, kind, proto, _, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is None or isinstance(timeout, int | float):  # else: the default
                sock.settimeout(timeout)
            sock.connect(sockaddr)
        except OSError:
            sock.close()
            continue
        return sock
    raise cannot_connect(host)


class _PublicHTTPConnection(http.client.HTTPConnection):
    """Connects only to addresses checked public, before sending anything."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._create_connection = _connect_public


# HTTPSConnection.connect() calls super().connect() before the TLS handshake (the certificate
# still checked against the host name), so through this order the address is checked first.
class _PublicHTTPSConnection(http.client.HTTPSConnection, _PublicHTTPConnection):
    pass


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        # no context: the connection makes the same default one urllib's handler would
        return self.do_open(_PublicHTTPSConnection, req)


def _opener(allow_private: bool) -> urllib.request.OpenerDirector:
    # Built by hand: build_opener() would add the file:, ftp: and data: handlers.
    opener = urllib.request.OpenerDirector()
    http_handler, https_handler = (
        (urllib.request.HTTPHandler(), urllib.request.HTTPSHandler())
        if allow_private
        else (_PublicHTTPHandler(), _PublicHTTPSHandler())
    )
    for handler in (
        urllib.request.ProxyHandler({}),  # none: a proxy would hide the address reached
        http_handler,
        https_handler,
        _HttpRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _check_headers(url: str, headers: http.client.HTTPMessage, max_bytes: int) -> None:
    declared = whole_number(headers.get("Content-Length", ""))
    if declared is not None and declared > max_bytes:
        size, limit = size_and_limit(declared, max_bytes)
        raise DownloadError(f"{url} is {size}, over the {limit} limit.")
    if headers.get_content_type() == "text/html":
        raise DownloadError(f"{url} is a web page (text/html), not an audio or video file.")


def _save(response: IO[bytes], dest: Path, *, max_bytes: int, deadline: float | None) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            received = 0
            while chunk := response.read(CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise DownloadError(
                        f"The download is over the {describe_bytes(max_bytes)} limit; stopped."
                    )
                if deadline is not None and time.monotonic() > deadline:
                    raise DownloadError("The download took too long; stopped.")
                out.write(chunk)
        os.replace(temporary, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return dest
