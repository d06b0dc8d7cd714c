"""Another deployment, for verifier tests: a real HTTPS server on 127.0.0.1 that publishes an
issuer's did:web document and status list, and credentials that issuer signed.

The server's certificate is made for the test and trusted through SSL_CERT_FILE, so the
verifier fetches exactly as it would from a real site (TLS, did:web → https)."""

from __future__ import annotations

import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bitewise.engines import ob3

ISSUED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
INDEX = 7


@dataclass
class Site:
    """What the server publishes: path -> JSON document (or raw bytes); else a 404."""

    origin: str
    documents: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)


@dataclass
class Deployment:
    site: Site
    key: ob3.Ed25519Key
    did: str
    status_url: str

    def status_list(self, *revoked: int, key: ob3.Ed25519Key | None = None) -> dict[str, Any]:
        bits = ob3.StatusList()
        for index in revoked:
            bits.set(index)
        document = ob3.build_status_list_credential(
            credential_id=self.status_url, issuer=self.did, status_list=bits, valid_from=ISSUED
        )
        return ob3.sign_credential(document, key or self.key, created=ISSUED)

    def publish(self, *, did: bool = True, revoked: tuple[int, ...] | None = ()) -> None:
        """Publish the DID document and (unless ``revoked`` is None) the status list."""
        self.site.documents.clear()
        if did:
            self.site.documents["/.well-known/did.json"] = self.key.controller_document()
        if revoked is not None:
            self.site.documents["/status/1"] = self.status_list(*revoked)

    def credential(self) -> dict[str, Any]:
        document = ob3.build_credential(
            ob3.Achievement(
                id=f"{self.site.origin}/achievements/triage",
                name="Emergency Triage",
                description="Sorts patients by urgency.",
                criteria_narrative="Passed the triage simulation.",
            ),
            ob3.Recipient(email="sam@mailbox.test", salt="f0r3ign"),
            issuer=ob3.IssuerProfile(id=self.did, name="Another Association"),
            credential_id="urn:uuid:5b1d0c7e-0000-4000-8000-00000000f0f0",
            valid_from=ISSUED,
            status=ob3.StatusListEntry(self.status_url, INDEX),
        )
        return ob3.sign_credential(document, self.key, created=ISSUED)


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Deployment]:
    cert_path, key_path = _certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_path))
    site = Site(origin="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            document = site.documents.get(self.path)
            if isinstance(document, bytes):
                body = document
            else:
                body = json.dumps(document).encode() if document is not None else b"not found"
            self.send_response(200 if document is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    site.origin = f"https://127.0.0.1:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    did = f"did:web:127.0.0.1%3A{port}"
    key = ob3.Ed25519Key.generate(controller=did)
    yield Deployment(site, key, did, f"{site.origin}/status/1")
    server.shutdown()
    server.server_close()
