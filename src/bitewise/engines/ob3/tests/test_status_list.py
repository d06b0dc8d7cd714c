from __future__ import annotations

import base64
import gzip
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    Ed25519Key,
    StatusList,
    StatusListEntry,
    StatusListError,
    build_status_list_credential,
    sign_credential,
    status_lookup,
    verify_credential,
)
from bitewise.engines.ob3.status_list import MIN_BITS
from bitewise.engines.ob3.tests.conftest import ISSUED, ISSUER_ID, NOW

LIST_URL = "https://bitewise.example/status/1"


def test_a_new_list_has_131072_clear_bits() -> None:
    status_list = StatusList()

    assert status_list.length == MIN_BITS
    assert not any(status_list.get(index) for index in (0, 1, 42, MIN_BITS - 1))


def test_set_bits_survive_encoding() -> None:
    status_list = StatusList()
    for index in (0, 7, 8, 42, MIN_BITS - 1):
        status_list.set(index)
    status_list.set(7, False)

    decoded = StatusList.decode(status_list.encode())

    assert [i for i in range(decoded.length) if decoded.get(i)] == [0, 8, 42, MIN_BITS - 1]


def test_the_encoding_is_gzip_in_multibase_base64url() -> None:
    status_list = StatusList()
    status_list.set(0)
    encoded = status_list.encode()

    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))

    assert encoded.startswith("u") and "=" not in encoded
    assert raw[0] == 0b1000_0000
    assert len(raw) == MIN_BITS // 8


@pytest.mark.parametrize(
    "encoded",
    [
        "zabc",
        "u!!!",
        "u" + base64.urlsafe_b64encode(b"not gzip").decode(),
        "u" + base64.urlsafe_b64encode(gzip.compress(b"\0" * 100)).decode().rstrip("="),
    ],
    ids=["wrong-base", "bad-base64", "not-gzip", "too-short"],
)
def test_a_broken_encoded_list_is_refused(encoded: str) -> None:
    with pytest.raises(StatusListError):
        StatusList.decode(encoded)


def test_an_index_outside_the_list_is_refused() -> None:
    with pytest.raises(StatusListError):
        StatusList().get(MIN_BITS)


def revocation_setup(revoked: bool) -> tuple[dict[str, Any], Any]:
    key = Ed25519Key.from_seed(bytes(range(32)), ISSUER_ID)
    status_list = StatusList()
    if revoked:
        status_list.set(42)
    list_credential = sign_credential(
        build_status_list_credential(
            credential_id=LIST_URL, issuer=ISSUER_ID, status_list=status_list, valid_from=ISSUED
        ),
        key,
        created=ISSUED,
    )
    return list_credential, status_lookup({LIST_URL: list_credential})


@pytest.mark.parametrize("revoked", [False, True], ids=["active", "revoked"])
def test_a_revoked_entry_makes_the_credential_invalid(
    signed: dict[str, Any], key_documents: dict[str, Any], revoked: bool
) -> None:
    list_credential, lookup = revocation_setup(revoked)

    list_result = verify_credential(list_credential, now=NOW, key_documents=key_documents)
    result = verify_credential(signed, now=NOW, key_documents=key_documents, status_lookup=lookup)

    assert list_result.is_valid, list_result.reason
    assert result.failed("status") is revoked
    assert ("revoked (status list index 42)" in result.reason) is revoked


@pytest.mark.parametrize(
    ("entry", "reason", "checked"),
    [
        (
            {**StatusListEntry(LIST_URL, 42).as_json(), "statusPurpose": "suspension"},
            "statusPurpose differs",
            True,
        ),
        (StatusListEntry("https://elsewhere.example/list", 1).as_json(), "was not supplied", False),
        (
            {**StatusListEntry(LIST_URL, 42).as_json(), "statusListIndex": "-1"},
            "not a non-negative",
            True,
        ),
        (
            {**StatusListEntry(LIST_URL, 42).as_json(), "type": "StatusList2021Entry"},
            "unsupported",
            False,
        ),
        (
            {**StatusListEntry(LIST_URL, 42).as_json(), "statusListIndex": "999999999"},
            "outside the list",
            True,
        ),
    ],
    ids=["purpose-mismatch", "unknown-list", "negative-index", "other-type", "index-too-big"],
)
def test_a_lookup_that_cannot_decide_never_passes_the_status_check(
    signed: dict[str, Any],
    key_documents: dict[str, Any],
    entry: dict[str, Any],
    reason: str,
    checked: bool,
) -> None:
    # a faulty entry fails the check; a list that cannot be had or read leaves it not made
    _, lookup = revocation_setup(revoked=False)
    signed["credentialStatus"] = entry

    result = verify_credential(signed, now=NOW, key_documents=key_documents, status_lookup=lookup)

    [status] = [check for check in result.checks if check.name == "status"]
    assert not status.ok and status.checked is checked
    assert reason in status.reason


def test_without_a_lookup_the_status_is_not_checked_and_the_credential_not_verified(
    signed: dict[str, Any], key_documents: dict[str, Any]
) -> None:
    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    [status] = [check for check in result.checks if check.name == "status"]
    assert not status.ok and not status.checked and "not checked" in status.reason
    assert result.status == "COULD_NOT_VERIFY"
    assert not result.is_valid


def test_a_revoked_credential_is_invalid_even_when_another_check_could_not_be_made(
    signed: dict[str, Any],
) -> None:
    # given the issuer's document is out of reach but the list says revoked
    _, lookup = revocation_setup(revoked=True)

    result = verify_credential(signed, now=NOW, status_lookup=lookup)

    assert result.not_checked("key")
    assert result.status == "INVALID"
