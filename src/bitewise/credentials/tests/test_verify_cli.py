"""`bitewise verify FILE`: exit 0 for VALID, 1 for INVALID, a message for unreadable input."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bitewise.common.testing import earn, make_micro_credential, make_user
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import credential_export

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("fmt", ["jsonld", "jwt", "png", "svg"])
def test_each_format_verifies(credential: IssuedCredential, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"badge.{fmt}"
    path.write_bytes(credential_export(credential, fmt))
    code, out = run(str(path))
    assert code == 0 and out.startswith("VALID")
    assert "ok   signature" in out


def test_a_tampered_file_is_invalid_with_exit_1(
    credential: IssuedCredential, tmp_path: Path
) -> None:
    document = dict(credential.document, validFrom="2001-01-01T00:00:00Z")
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(document))
    code, out = run(str(path), "--json")
    assert code == 1
    result = json.loads(out)
    assert result["status"] == "INVALID"
    signature = next(c for c in result["checks"] if c["name"] == "signature")
    assert signature["ok"] is False and signature["reason"]


@pytest.mark.parametrize(
    "content", [b"", b'{"truncated": ', b"\x00\x01binary"], ids=["empty", "truncated", "binary"]
)
def test_junk_files_are_invalid_not_a_crash(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk"
    path.write_bytes(content)
    code, out = run(str(path))
    assert code == 1 and out.startswith("INVALID")


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        run(str(tmp_path / "nope.json"))


def test_a_bad_key_document_is_a_clear_error(credential: IssuedCredential, tmp_path: Path) -> None:
    badge, key = tmp_path / "b.json", tmp_path / "k.json"
    badge.write_bytes(credential_export(credential, "jsonld"))
    key.write_text("[]")
    with pytest.raises(CommandError, match="controller document"):
        run(str(badge), "--key-document", str(key))
