"""`bitewise verify FILE`: exit 0 VALID, 1 INVALID, 3 COULD NOT VERIFY, 2 when it cannot run;
without a database, for our own badges under another site URL, and for another deployment's
badges whose DID document and status list it fetches."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import credential_export
from bitewise.credentials.tests.foreign import INDEX, Deployment
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db

VECTORS = Path(__file__).parents[2] / "engines/ob3/tests/data/vectors"
DID_KEY_SAMPLE = VECTORS / "1edtech-ob30/simple-did-key-method.json"


@pytest.fixture
def credential(django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential())
    return IssuedCredential.objects.get()


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("verify", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def write(tmp_path: Path, name: str, document: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return str(path)


def outcome(out: str, check: str) -> str:
    [found] = [c["outcome"] for c in json.loads(out)["checks"] if c["name"] == check]
    return str(found)


@pytest.mark.parametrize("fmt", ["jsonld", "jwt", "png", "svg"])
def test_each_format_verifies(credential: IssuedCredential, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"badge.{fmt}"
    path.write_bytes(credential_export(credential, fmt))
    code, out = run(str(path), "--offline")
    assert code == 0 and out.startswith("VALID")
    assert "  ok        signature" in out and "  ok        schema" in out


def test_a_tampered_file_is_invalid_with_exit_1(
    credential: IssuedCredential, tmp_path: Path
) -> None:
    document = dict(credential.document, validFrom="2001-01-01T00:00:00Z")
    code, out = run(write(tmp_path, "tampered.json", document), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["status"] == "INVALID"
    signature = next(c for c in result["checks"] if c["name"] == "signature")
    assert signature["outcome"] == "failed" and signature["reason"]


@pytest.mark.parametrize(
    "content", [b"", b'{"truncated": ', b"\x00\x01binary"], ids=["empty", "truncated", "binary"]
)
def test_junk_files_are_invalid_not_a_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk"
    path.write_bytes(content)
    code, out = run(str(path))
    assert code == 1 and out.startswith("INVALID")


def test_a_missing_file_is_a_clear_error_with_exit_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read") as raised:
        run(str(tmp_path / "nope.json"))
    assert raised.value.returncode == 2


@pytest.mark.parametrize("option", ["--key-document", "--status-list"])
def test_a_bad_supporting_document_is_a_clear_error(
    credential: IssuedCredential, tmp_path: Path, option: str
) -> None:
    badge = tmp_path / "b.json"
    badge.write_bytes(credential_export(credential, "jsonld"))
    with pytest.raises(CommandError, match="with an id"):
        run(str(badge), option, write(tmp_path, "k.json", []))


# Our own badges


def test_our_badge_verifies_when_the_site_url_differs_from_the_issuers(
    credential: IssuedCredential, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    # given a badge issued as did:web:learn.example.org, checked where BITEWISE_SITE_URL
    # is left at its default (a fresh shell on the server)
    path = write(tmp_path, "badge.json", credential.document)
    settings.SITE_URL = "http://127.0.0.1:8000"
    # when it is verified without the network
    code, out = run(path, "--offline", "--json")
    # then this site's keys and status list vouch for it
    assert code == 0, out
    assert outcome(out, "key") == "passed" and outcome(out, "status") == "passed"


def test_our_revoked_badge_is_invalid_under_another_site_url(
    credential: IssuedCredential, tmp_path: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    from bitewise.accounts.models import Role
    from bitewise.credentials.services.revocation import credential_revoke

    admin = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(admin)
    credential_revoke(credential=credential, by=admin, reason="Issued in error")
    path = write(tmp_path, "badge.json", credential.document)
    settings.SITE_URL = "http://127.0.0.1:8000"
    code, out = run(path, "--offline", "--json")
    assert code == 1 and outcome(out, "status") == "failed"


def test_a_forgery_for_our_did_cannot_borrow_a_supplied_key_document(
    credential: IssuedCredential, tmp_path: Path
) -> None:
    from bitewise.engines import ob3

    fake = ob3.Ed25519Key.generate(controller=credential.issuer.did)
    forged = {k: v for k, v in credential.document.items() if k != "proof"}
    forged["name"] = "Something never earned"
    signed = ob3.sign_credential(forged, fake, created=credential.issued_at)
    code, out = run(
        write(tmp_path, "forged.json", signed),
        "--key-document",
        write(tmp_path, "fake-did.json", fake.controller_document()),
        "--offline",
        "--json",
    )
    assert code == 1 and outcome(out, "key") == "failed"


# Without a database: a fresh data directory, the `bitewise` entry point as a user runs it


def bitewise(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "BITEWISE_DATA_DIR")
    }
    env["BITEWISE_DATA_DIR"] = str(tmp_path / "data")
    bitewise = Path(sys.executable).parent / "bitewise"
    return subprocess.run(
        [str(bitewise), "verify", *args], capture_output=True, text=True, env=env, check=False
    )


def test_with_no_database_the_1edtech_did_key_sample_is_valid(tmp_path: Path) -> None:
    done = bitewise(tmp_path, str(DID_KEY_SAMPLE))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("VALID (json)")
    assert "OperationalError" not in done.stdout + done.stderr
    assert not (tmp_path / "data").exists()  # nothing created: no database, no key file


def test_with_no_database_our_badge_could_not_be_verified_offline_never_invalid(
    credential: IssuedCredential, tmp_path: Path
) -> None:
    path = write(tmp_path, "badge.json", credential.document)
    done = bitewise(tmp_path, path, "--offline")
    assert done.returncode == 3, done.stdout + done.stderr
    assert done.stdout.startswith("COULD NOT VERIFY")
    assert "UNCHECKED key" in done.stdout and "FAIL" not in done.stdout
    assert not (tmp_path / "data" / "bitewise.sqlite3").exists()


def test_the_did_key_sample_is_verified_without_starting_django(tmp_path: Path) -> None:
    probe = (
        "import sys, io\n"
        "from bitewise.credentials.verify_cli import main\n"
        f"code = main([{str(DID_KEY_SAMPLE)!r}, '--json'])\n"
        "print('django models loaded:', 'bitewise.credentials.models' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["BITEWISE_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "django models loaded: False" in done.stdout


def test_usage_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    done = bitewise(tmp_path, str(tmp_path / "missing.json"))
    assert done.returncode == 2 and "cannot read" in done.stderr
    assert bitewise(tmp_path, "--no-such-option", "x").returncode == 2


# Another deployment's badge: its DID document and status list come over HTTPS


def test_another_deployments_badge_is_valid_when_its_documents_are_reachable(
    deployment: Deployment, tmp_path: Path
) -> None:
    deployment.publish()
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 0, out
    assert set(deployment.site.requests) == {"/.well-known/did.json", "/status/1"}


def test_another_deployments_revoked_badge_is_invalid(
    deployment: Deployment, tmp_path: Path
) -> None:
    deployment.publish(revoked=(INDEX,))
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 1
    assert outcome(out, "status") == "failed" and "revoked" in json.loads(out)["reason"]


def test_a_revoked_badge_whose_status_list_is_unreachable_is_never_valid(
    deployment: Deployment, tmp_path: Path
) -> None:
    # given the issuer revoked it, but its status list cannot be fetched
    deployment.publish(revoked=None)
    # when it is verified
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    # then it could not be verified: not VALID, and not claimed INVALID either
    assert code == 3
    assert json.loads(out)["status"] == "COULD_NOT_VERIFY"
    assert outcome(out, "status") == "not_checked" and outcome(out, "signature") == "passed"


def test_an_unresolvable_did_leaves_the_badge_unverified(
    deployment: Deployment, tmp_path: Path
) -> None:
    deployment.publish(did=False)
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 3 and outcome(out, "key") == "not_checked"
    assert "HTTP 404" in json.loads(out)["reason"]


def test_a_status_list_signed_by_someone_else_is_not_believed(
    deployment: Deployment, tmp_path: Path
) -> None:
    from bitewise.engines import ob3

    deployment.publish()
    impostor = ob3.Ed25519Key.generate(controller=deployment.did)
    deployment.site.documents["/status/1"] = deployment.status_list(key=impostor)
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 3 and outcome(out, "status") == "not_checked"
    assert "does not verify" in json.loads(out)["reason"]


def test_offline_fetches_nothing_and_a_supplied_list_and_document_stand_in(
    deployment: Deployment, tmp_path: Path
) -> None:
    badge = write(tmp_path, "b.json", deployment.credential())
    code, _ = run(badge, "--offline")
    assert code == 3 and deployment.site.requests == []
    code, out = run(
        badge,
        "--offline",
        "--key-document",
        write(tmp_path, "did.json", deployment.key.controller_document()),
        "--status-list",
        f"{deployment.status_url}={write(tmp_path, 'list.json', deployment.status_list(INDEX))}",
        "--json",
    )
    assert code == 1 and outcome(out, "status") == "failed"
    assert deployment.site.requests == []


def test_a_status_list_url_that_serves_no_json_leaves_the_badge_unverified(
    deployment: Deployment, tmp_path: Path
) -> None:
    deployment.publish()
    deployment.site.documents["/status/1"] = b"<<< maintenance >>>"
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 3 and outcome(out, "status") == "not_checked"
    assert "not a JSON object" in json.loads(out)["reason"]


def test_private_addresses_are_not_fetched_unless_allowed(
    deployment: Deployment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployment.publish()
    monkeypatch.setenv("BITEWISE_FETCH_PRIVATE_ADDRESSES", "false")
    code, out = run(write(tmp_path, "b.json", deployment.credential()), "--json")
    assert code == 3
    assert "it did not answer, or is not a public address" in json.loads(out)["reason"]
    assert deployment.site.requests == []
    assert deployment.site.requests == []
