from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

from bitewise.engines.ob3 import (
    Ed25519Key,
    KeyFormatError,
    KeyResolutionError,
    UnknownContextError,
    did_key_document,
    did_web_url,
    key_resolver,
)
from bitewise.engines.ob3.loader import document_loader
from bitewise.engines.ob3.multibase import base58btc_decode, base58btc_encode

CONTEXTS = resources.files("bitewise.engines.ob3").joinpath("contexts")


def test_every_bundled_context_matches_its_recorded_hash() -> None:
    index = json.loads(CONTEXTS.joinpath("index.json").read_text("utf-8"))

    for url, entry in index.items():
        digest = hashlib.sha256(CONTEXTS.joinpath(entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"], url


def test_the_loader_refuses_urls_it_has_no_copy_of() -> None:
    with pytest.raises(UnknownContextError, match="never fetched"):
        document_loader()("https://example.com/evil-context.jsonld", {})


def test_the_two_copies_of_ob_3_0_3_differ_only_in_two_terms() -> None:
    url = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    spec = document_loader("spec")(url, {})["document"]["@context"]
    validator = document_loader("validator")(url, {})["document"]["@context"]

    assert set(validator) - set(spec) == {"endorsementJwt", "jti"}


@pytest.mark.parametrize(
    "data",
    [b"", b"\0", b"\0\0abc", bytes(range(256)), b"\xff" * 40],
    ids=["empty", "zero", "zeros", "all", "ff"],
)
def test_base58btc_round_trips(data: bytes) -> None:
    assert base58btc_decode(base58btc_encode(data)) == data


def test_a_known_key_encodes_as_in_the_w3c_spec() -> None:
    key = Ed25519Key.from_secret_multibase("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")

    assert key.public_key_multibase == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    assert key.controller == "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    assert Ed25519Key.from_secret_multibase(key.secret_key_multibase).seed == key.seed


def test_did_key_resolves_without_a_fragment_too() -> None:
    key = Ed25519Key.generate()
    resolve = key_resolver()

    with_fragment = resolve(key.verification_method)
    bare = resolve(key.controller)

    assert with_fragment == bare
    assert with_fragment.controller == key.controller
    assert "assertionMethod" in with_fragment.purposes


@pytest.mark.parametrize(
    "method",
    [
        "did:key:zNotAKey",
        "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#other",
        "https://nowhere.example#k",
    ],
    ids=["bad-key", "wrong-fragment", "unknown-controller"],
)
def test_unresolvable_methods_raise_key_resolution_error(method: str) -> None:
    with pytest.raises(KeyResolutionError):
        key_resolver()(method)


def test_a_controller_document_with_a_relative_method_id_resolves() -> None:
    key = Ed25519Key.generate("did:web:acme.example")
    document = key.controller_document()
    document["verificationMethod"][0]["id"] = "#key-1"
    document["assertionMethod"] = ["#key-1"]

    resolved = key_resolver({"did:web:acme.example": document})("did:web:acme.example#key-1")

    assert resolved.id == "did:web:acme.example#key-1"
    assert resolved.controller == "did:web:acme.example"
    assert resolved.purposes == frozenset({"assertionMethod"})


def test_did_key_document_refuses_non_ed25519() -> None:
    with pytest.raises(KeyFormatError):
        did_key_document("did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76")


@pytest.mark.parametrize(
    ("did", "url"),
    [
        ("did:web:acme.example", "https://acme.example/.well-known/did.json"),
        ("did:web:acme.example:issuers:1", "https://acme.example/issuers/1/did.json"),
        ("did:web:localhost%3A8000", "https://localhost:8000/.well-known/did.json"),
    ],
)
def test_did_web_url(did: str, url: str) -> None:
    assert did_web_url(did) == url
