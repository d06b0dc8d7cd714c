"""Our single-expansion canonicalization gives exactly what pyld's own normalize gives."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pyld import jsonld

from bitewise.engines.ob3.loader import context_resolver, document_loader
from bitewise.engines.ob3.rdfc import _json_numbers, canonicalize
from bitewise.engines.ob3.tests.conftest import VECTORS, make_credential

# Left out: documents whose contexts we do not bundle (citizenship, Ed25519Signature2020)
# or that use undeclared types on purpose; test_vectors.py covers them as INVALID.
NOT_CANONICALIZABLE = {
    "eddsa-rdfc-2022_employ_signedDataInt",
    "simple-err-type",
    "simple-err-issuer-type",
    "complex",
    "simple-multiple-proofs",
}
DOCUMENTS = sorted(
    path
    for path in VECTORS.rglob("*.json")
    if "keys" not in path.parts and path.stem not in NOT_CANONICALIZABLE
)


def pyld_normalize(document: dict[str, Any]) -> str:
    options = {
        "documentLoader": document_loader("spec"),
        "contextResolver": context_resolver("spec"),
        "base": None,
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
    }
    result: str = jsonld.normalize(_json_numbers(document), options)
    return result


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_canonical_form_matches_pyld_normalize_on_every_vector(path: Any) -> None:
    document = json.loads(path.read_text())
    assert canonicalize(document) == pyld_normalize(document)


def test_canonical_form_matches_pyld_normalize_on_our_credential() -> None:
    document = make_credential()
    assert canonicalize(document) == pyld_normalize(document)
