"""A live SAML 2.0 identity provider on 127.0.0.1 for the tests, built on pysaml2's
``Server`` (the IdP side of the same library, signing with Debian's xmlsec1), served by the
standard library's WSGI server in a thread.

Endpoints: ``/metadata`` (its metadata, which the service provider loads), ``/sso/redirect``
(an AuthnRequest by HTTP-Redirect: answers with a log-in form), ``/sso/login`` (checks the
person's password, then answers with the auto-posting form carrying the SAML response to the
service provider's ACS, from the SP metadata it was given). ``signing`` says what it signs:
"assertion" (as a real IdP should), "response" (only the outer response) or "none".
"""

from __future__ import annotations

import html
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.response import StatusError
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.samlp import logout_response_from_string
from saml2.server import Server
from saml2.xmldsig import SIG_RSA_SHA256

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class SamlUser:
    password: str
    subject: str  # the persistent NameID
    attributes: dict[str, list[str]]


def write_key_pair(folder: Path, name: str) -> tuple[Path, Path]:
    """A fresh RSA key and self-signed certificate, as PEM files."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


class SamlIdp:
    def __init__(
        self,
        *,
        base_url: str,
        sp_metadata: Path,
        folder: Path,
        users: dict[str, SamlUser],
        signing: str = "assertion",
    ) -> None:
        self.base_url, self.users, self.signing = base_url, users, signing
        self.sp_metadata, self.folder = sp_metadata, folder
        self.metadata_reads = 0
        self.metadata_unavailable = False  # /metadata answers 503 (the IdP is down)
        self.logged_out: list[str] = []  # NameIDs of SP-initiated logouts it answered
        self.logout_answers: list[str] = []  # status codes of the SP's LogoutResponses
        self.keys = 0
        self.rotate_key()

    def rotate_key(self) -> None:
        """A new signing key and certificate (as an IdP rotating its key does): its
        metadata and every message it signs from now on use the new one only."""
        self.keys += 1
        key, cert = write_key_pair(self.folder, f"idp-{self.signing}-{self.keys}")
        config = IdPConfig()
        config.load(
            {
                "entityid": f"{self.base_url}/metadata",
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": str(key),
                "cert_file": str(cert),
                "metadata": {"local": [str(self.sp_metadata)]},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base_url}/sso/redirect", BINDING_HTTP_REDIRECT)
                            ],
                            "single_logout_service": [
                                (f"{self.base_url}/slo/redirect", BINDING_HTTP_REDIRECT)
                            ],
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {"default": {"lifetime": {"minutes": 5}}},
                    }
                },
            }
        )
        self.config = config
        self.server = Server(config=config)

    def logout_request_url(self, subject: str, *, sign: bool = True) -> str:
        """An IdP-initiated LogoutRequest for ``subject``, as the URL it sends the browser
        to (the SP's Single Logout endpoint, HTTP-Redirect, the query signed)."""
        sp_entity = next(iter(self.server.metadata.service_providers()))
        destination = self.server.metadata.single_logout_service(
            sp_entity, BINDING_HTTP_REDIRECT, "spsso"
        )[0]["location"]
        _, request = self.server.create_logout_request(
            destination,
            sp_entity,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            sign=False,
        )
        info = self.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(request), destination, "", sign=sign, sigalg=SIG_RSA_SHA256
        )
        return str(dict(info["headers"])["Location"])

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = environ["PATH_INFO"]
        if path == "/metadata":
            self.metadata_reads += 1
            if self.metadata_unavailable:
                return _answer(start_response, "503 Service Unavailable", b"down", "text/plain")
            body = create_metadata_string(None, config=self.config, valid=24)
            return _answer(start_response, "200 OK", body, "application/samlmetadata+xml")
        if path == "/sso/redirect":
            query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            return _answer(start_response, "200 OK", _login_form(query).encode(), "text/html")
        if path == "/sso/login" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {
                k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()
            }
            return self._login(form, start_response)
        if path == "/slo/redirect":
            query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
            return self._logout(query, start_response)
        return _answer(start_response, "404 Not Found", b"not found", "text/plain")

    def _logout(self, query: dict[str, str], start_response: StartResponse) -> list[bytes]:
        if "SAMLResponse" in query:  # the SP's answer to a logout started here
            try:
                response = self.server.parse_logout_request_response(
                    query["SAMLResponse"], BINDING_HTTP_REDIRECT
                )
                code = response.response.status.status_code.value
            except StatusError:  # pysaml2 raises for an answer that is not a success
                xml = self.server.unravel(
                    query["SAMLResponse"], BINDING_HTTP_REDIRECT, "logout_response"
                )
                code = logout_response_from_string(xml).status.status_code.status_code.value
            self.logout_answers.append(str(code))
            return _answer(start_response, "200 OK", b"logged out", "text/plain")
        request = self.server.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        self.logged_out.append(str(request.message.name_id.text))
        args = self.server.response_args(request.message, [BINDING_HTTP_REDIRECT])
        response = self.server.create_logout_response(
            request.message, bindings=[BINDING_HTTP_REDIRECT], sign=False
        )
        info = self.server.apply_binding(
            args["binding"],
            str(response),
            args["destination"],
            query.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        location = str(dict(info["headers"])["Location"])
        start_response("302 Found", [("Location", location), ("Content-Length", "0")])
        return [b""]

    def _login(self, form: dict[str, str], start_response: StartResponse) -> list[bytes]:
        user = self.users.get(form.get("username", ""))
        if user is None or user.password != form.get("password"):
            return _answer(start_response, "403 Forbidden", b"wrong password", "text/plain")
        request = self.server.parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT)
        message = request.message
        binding, destination = self.server.pick_binding(
            "assertion_consumer_service",
            bindings=[BINDING_HTTP_POST],
            entity_id=message.issuer.text,
        )
        response = self.server.create_authn_response(
            identity=user.attributes,
            in_response_to=message.id,
            destination=destination,
            sp_entity_id=message.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=user.subject),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_assertion=self.signing == "assertion",
            sign_response=self.signing == "response",
        )
        info = self.server.apply_binding(
            binding, str(response), destination, form.get("RelayState", ""), response=True
        )
        return _answer(start_response, "200 OK", str(info["data"]).encode(), "text/html")


def _login_form(query: dict[str, str]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in query.items()
        if k in ("SAMLRequest", "RelayState")
    )
    return (
        "<!doctype html><title>Test IdP</title><h1>Association sign-in (SAML)</h1>"
        f'<form method="post" action="/sso/login">{hidden}'
        '<label>User name <input name="username"></label>'
        '<label>Password <input name="password" type="password"></label>'
        '<button type="submit">Sign in</button></form>'
    )


def _answer(
    start_response: StartResponse, status: str, body: bytes | str, kind: str
) -> list[bytes]:
    data = body.encode() if isinstance(body, str) else body
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(data)))])
    return [data]


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def running_idp(
    *, sp_metadata: Path, folder: Path, users: dict[str, SamlUser], signing: str = "assertion"
) -> Iterator[SamlIdp]:
    server = make_server(
        "127.0.0.1",
        0,
        lambda e, s: [b""],
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    base_url = f"http://127.0.0.1:{server.server_port}"
    idp = SamlIdp(
        base_url=base_url, sp_metadata=sp_metadata, folder=folder, users=users, signing=signing
    )
    server.set_app(idp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield idp
    finally:
        server.shutdown()
        server.server_close()
