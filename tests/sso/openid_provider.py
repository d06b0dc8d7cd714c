"""The test OpenID Provider (``op_server.mjs``: node-oidc-provider) as a child process on
127.0.0.1, with its signing keys, clients and accounts, and a person signing in at it."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import requests
from joserfc.jwk import RSAKey

HERE = Path(__file__).resolve().parent
SERVER = HERE / "op_server.mjs"
NODE_MODULES = HERE / "node_modules" / "oidc-provider"
CLIENT_ID, CLIENT_SECRET = "bitewise", "bitewise-test-secret-of-32-characters"
OTHER_ID, OTHER_SECRET = "other-app", "other-app-test-secret-of-32-characters"

# Each account's login name is its subject (``sub``) at the provider.
ACCOUNTS: dict[str, dict[str, Any]] = {
    "ada": {
        "claims": {
            "email": "ada@example.org",
            "email_verified": True,
            "name": "Ada Lovelace",
            "membership_status": "Active",
            "membership_tier": "Gold",
            "membership_expires": "2030-12-31",
        },
    },
    "bob": {
        "claims": {"email": "bob@example.org", "email_verified": False, "name": "Bob"},
    },
    "carol": {
        "claims": {"email": "carol@example.org", "email_verified": True, "name": "Carol"},
    },
}


def signing_key(kid: str) -> dict[str, Any]:
    key = RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})
    return key.as_dict(private=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OpenIdProvider:
    site_url: str
    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(
        self, *, keys: list[dict[str, Any]], accounts: dict[str, dict[str, Any]] | None = None
    ) -> None:
        """Start (again, on the same port) with ``keys``, the first one signing, and the
        accounts (``ACCOUNTS`` unless given)."""
        self.stop()
        self.keys = keys
        callback = f"{self.site_url}/sso/oidc/association/callback/"
        client = {
            "redirect_uris": [callback],
            "post_logout_redirect_uris": [f"{self.site_url}/"],
            "token_endpoint_auth_method": "client_secret_basic",
        }
        config = {
            "port": self.port,
            "issuer": self.issuer,
            "jwks": {"keys": keys},
            "clients": [
                {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, **client},
                {"client_id": OTHER_ID, "client_secret": OTHER_SECRET, **client},
            ],
            "accounts": ACCOUNTS if accounts is None else accounts,
        }
        path = self.folder / "op.json"
        path.write_text(json.dumps(config))
        self.process = subprocess.Popen(
            ["node", str(SERVER), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.output: list[str] = []
        ready = threading.Event()
        threading.Thread(target=self._read, args=(self.process, ready), daemon=True).start()
        # Waits for the process's own word, not for a time: "listening" or its exit.
        ready.wait()
        if self.process.poll() is not None or not any("listening" in x for x in self.output):
            raise RuntimeError("the OpenID Provider did not start:\n" + "".join(self.output))

    def _read(self, process: subprocess.Popen[bytes], ready: threading.Event) -> None:
        assert process.stdout is not None
        for raw in process.stdout:  # drained to the end, so the provider never blocks
            line = raw.decode(errors="replace")
            self.output.append(line)
            if line.startswith("listening"):
                ready.set()
        ready.set()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def provider_table(self) -> dict[str, Any]:
        """Bitewise's configuration for this provider (one [[provider]] table)."""
        return {
            "slug": "association",
            "label": "Sign in with the Association",
            "protocol": "oidc",
            "discovery_url": self.discovery_url,
            "client_id": CLIENT_ID,
            "client_secret_env": "BITEWISE_TEST_OIDC_SECRET",
            "scopes": "openid email profile membership",
            "claims": {
                "status": "membership_status",
                "tier": "membership_tier",
                "expires": "membership_expires",
                "active_values": ["active"],
            },
        }


def sign_in_at(
    op: OpenIdProvider, authorize_url: str, login: str, browser: requests.Session | None = None
) -> str:
    """A person's browser at the provider: its log-in form, then back. Returns the URL the
    provider redirects to (Bitewise's callback, with code and state)."""
    session = browser or requests.Session()
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    submitted = False
    for _ in range(10):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if not target.startswith(op.issuer):
                return target
            response = session.get(target, allow_redirects=False, timeout=10)
            continue
        assert not submitted, response.text[:500]
        action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        assert action is not None, response.text[:500]
        response = session.post(
            urljoin(response.url, action.group(1)),
            data={"prompt": "login", "login": login, "password": "any"},
            allow_redirects=False,
            timeout=10,
        )
        submitted = True
    raise AssertionError("the provider never sent the browser back")


@contextmanager
def running_provider(
    site_url: str, folder: Path, keys: list[dict[str, Any]]
) -> Iterator[OpenIdProvider]:
    if not NODE_MODULES.exists():
        pytest.skip("oidc-provider missing: run `cd tests/sso && npm ci`")
    op = OpenIdProvider(site_url=site_url, folder=folder)
    op.start(keys=keys)
    try:
        yield op
    finally:
        op.stop()
