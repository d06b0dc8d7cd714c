"""A verifier on a phone opens a badge link, sees it valid and when it was checked; after a
revocation the same link says so at once; a browser-based verifier on another site reads the
DID document, the status list and the credential with fetch() (CORS)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import Page, expect

from bitewise.accounts.models import Role
from bitewise.credentials import keystore
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import credential_revoke
from bitewise.testing import PASSWORD, earn, make_micro_credential, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def credential(settings: Any, live_server: Any) -> Iterator[IssuedCredential]:
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = live_server.url
    keystore.reset_cache()
    learner = make_user()
    learner.display_name = "Rosa Diaz"
    learner.save(update_fields=["display_name"])
    earn(learner, make_micro_credential(title="Safe Patient Handoffs", validity_months=24))
    yield IssuedCredential.objects.get()
    keystore.reset_cache()


@pytest.fixture
def other_site() -> Iterator[str]:
    """A page on another origin, as a browser-based verifier would be."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>Verifier</title><p>verifier</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_verifier_sees_the_badge_valid_then_revoked(
    live_server: Any,
    phone_page: Page,
    credential: IssuedCredential,
    snap: Any,
    check_accessible: Any,
    check_fits_phone: Any,
) -> None:
    page = phone_page
    # Given a badge link, when a verifier opens it on a phone
    page.goto(f"{live_server.url}/credentials/{credential.pk}")
    # Then it is valid, says when it was checked, and fits the phone
    verification = page.locator("section", has=page.get_by_role("heading", name="Verification"))
    expect(verification.get_by_text("Valid", exact=True)).to_be_visible()
    expect(verification.locator("time")).to_contain_text(str(credential.issued_at.year))
    check_accessible(page, "credential page")
    check_fits_phone(page, "credential page")
    snap(page, "credential-page-valid")

    # When staff revoke it, the same link says so at once
    staff = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(staff)
    credential_revoke(credential=credential, by=staff, reason="Issued to the wrong person")
    page.reload()
    expect(verification.get_by_text("Not valid", exact=True)).to_be_visible()
    expect(verification).to_contain_text("Issued to the wrong person")
    expect(verification).to_contain_text("revoked (status list index")
    snap(page, "credential-page-revoked")


def test_a_browser_verifier_on_another_site_can_read_the_documents(
    live_server: Any, phone_page: Page, credential: IssuedCredential, other_site: str
) -> None:
    status_path = urlsplit(credential.document["credentialStatus"]["statusListCredential"]).path
    phone_page.goto(other_site)
    read = phone_page.evaluate(
        """async (urls) => Promise.all(urls.map(async (url) => {
            const response = await fetch(url, {headers: {Accept: "application/ld+json"}});
            const body = await response.json();
            return body.type || "did"; }))""",
        [
            f"{live_server.url}/.well-known/did.json",
            f"{live_server.url}{status_path}",
            f"{live_server.url}/credentials/{credential.pk}.json",
        ],
    )
    assert read[0] == "did"  # a DID document has no type; it was read
    assert "BitstringStatusListCredential" in read[1]
    assert "OpenBadgeCredential" in read[2]
    # and the HTML page itself stays closed to scripts on other sites
    blocked = phone_page.evaluate(
        """async (url) => { try { await fetch(url); return "read"; }
                            catch (error) { return "blocked"; } }""",
        f"{live_server.url}/credentials/{credential.pk}",
    )
    assert blocked == "blocked"


def test_the_owner_adds_the_badge_to_a_wallet_from_its_page(
    live_server: Any,
    phone_page: Page,
    credential: IssuedCredential,
    snap: Any,
    check_accessible: Any,
    check_fits_phone: Any,
) -> None:
    page = phone_page
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    # A visitor sees no wallet offer on the badge page
    page.goto(f"{live_server.url}/credentials/{credential.pk}")
    expect(page.get_by_role("heading", name="Verification")).to_be_visible()
    expect(page.get_by_role("link", name="Add to a wallet")).to_have_count(0)
    # Its owner, logged in, does
    page.goto(f"{live_server.url}/accounts/login/?next=/credentials/{credential.pk}")
    page.get_by_label("Email").fill(credential.learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    offer = page.locator("section", has=page.get_by_role("heading", name="Add it to your wallet"))
    expect(offer).to_be_visible()
    check_accessible(page, "credential page (owner)")
    check_fits_phone(page, "credential page (owner)")
    snap(page, "credential-page-owner")
    # and gets a link that opens the Learner Credential Wallet, with a QR code of it
    offer.get_by_role("link", name="Add to a wallet").click()
    page.get_by_role("button", name="Get a wallet link").click()
    wallet_link = page.get_by_role("link", name="Open in Learner Credential Wallet")
    expect(wallet_link).to_have_attribute("href", re.compile(r"^https://lcw\.app/request\.html\?"))
    qr = page.get_by_role("img", name="QR code for your wallet")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] <= 390  # type: ignore[index]
    check_accessible(page, "wallet claim page")
    check_fits_phone(page, "wallet claim page")
    snap(page, "wallet-claim-page")
    foreign = [url for url in seen if not url.startswith(live_server.url)]
    assert foreign == [], f"loaded from another origin: {foreign}"
