"""Reusing a shape's expansion gives exactly what a full expansion gives, for every vector
and for documents whose strings are replaced by anything at all."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from bitewise.engines.ob3.rdfc import CanonicalizationError, canonicalize
from bitewise.engines.ob3.rdfc_shapes import ShapeCache
from bitewise.engines.ob3.tests.conftest import make_credential
from bitewise.engines.ob3.tests.test_rdfc import DOCUMENTS

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "bitewise-hypothesis")


def outcome(document: Any, *, reuse: bool) -> str:
    try:
        return canonicalize(document, reuse_shapes=reuse)
    except CanonicalizationError as error:
        return f"error: {error}"


def string_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where the strings are, outside contexts (types included: they must stay right too)."""
    if isinstance(value, dict):
        return [
            p
            for key, item in value.items()
            if key != "@context"
            for p in string_paths(item, (*path, key))
        ]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in string_paths(item, (*path, index))]
    return [path] if isinstance(value, str) else []


def replaced(document: Any, changes: list[tuple[tuple[Any, ...], str]]) -> Any:
    result = copy.deepcopy(document)
    for path, text in changes:
        target = result
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = text
    return result


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_vector_canonicalizes_the_same_cold_and_warm(path: Any) -> None:
    document = json.loads(path.read_text())
    full = outcome(document, reuse=False)
    assert outcome(document, reuse=True) == full  # builds the template
    assert outcome(copy.deepcopy(document), reuse=True) == full  # uses it


def test_credentials_of_one_shape_share_a_template_and_keep_their_own_values() -> None:
    cache = ShapeCache()
    builds: list[Any] = []

    def build(document: Any) -> Any:
        builds.append(document)
        from bitewise.engines.ob3.rdfc import _expanded_dataset

        return _expanded_dataset(document, "spec")

    first = make_credential()
    second = replaced(first, [(("id",), "urn:uuid:00000000-0000-4000-8000-000000000001")])
    cache.dataset(first, build, key="spec")
    built = len(builds)
    cache.dataset(second, build, key="spec")
    assert len(builds) == built, "the second credential reused the first one's expansion"
    assert canonicalize(second) == canonicalize(second, reuse_shapes=False)
    assert "urn:uuid:00000000-0000-4000-8000-000000000001" in canonicalize(second)


TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            "x",
            'Zoë "quoted" \\ back\nslash\ttab',
            "https://other.example/a#b",
            "urn:uuid:3f2c7f5e-1111-4222-8333-944455556666",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:web:learn.example.org",
            "xsd:string",
            "_:b0",
            "relative/path",
            "Certificate",
            "Badge",
            "AchievementSubject",
            "2026-11-28T19:00:00Z",
            "not a date",
            "ACME Nursing Association",  # equal to another value of the credential
            "mailto:someone@example.org",
        ]
    ),
    st.text(max_size=12),
)
CREDENTIAL = make_credential()
CREDENTIAL_PATHS = string_paths(CREDENTIAL)


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    changes=st.lists(st.tuples(st.sampled_from(CREDENTIAL_PATHS), TEXTS), min_size=1, max_size=4)
)
def test_any_strings_give_the_same_canonical_form_as_a_full_expansion(
    changes: list[tuple[tuple[Any, ...], str]],
) -> None:
    document = replaced(CREDENTIAL, changes)
    assert outcome(document, reuse=True) == outcome(document, reuse=False)


VECTOR_DOCUMENTS = [json.loads(path.read_text()) for path in DOCUMENTS]


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_strings_in_any_vector_give_the_same_canonical_form(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from(VECTOR_DOCUMENTS))
    paths = string_paths(document)
    if not paths:
        return
    changes = data.draw(st.lists(st.tuples(st.sampled_from(paths), TEXTS), min_size=1, max_size=3))
    changed = replaced(document, changes)
    assert outcome(changed, reuse=True) == outcome(changed, reuse=False)


def test_a_home_made_alias_of_type_is_never_a_slot() -> None:
    base = {
        "@context": ["https://www.w3.org/ns/credentials/v2", {"kind": "@type"}],
        "id": "urn:uuid:3f2c7f5e-1111-4222-8333-944455556666",
        "kind": "https://example.org/kinds/first",
        "name": "First",
    }
    other = {**base, "kind": "https://example.org/kinds/second", "name": "Second"}
    for document in (base, other):
        full = canonicalize(document, reuse_shapes=False)
        assert canonicalize(document) == full
    assert "kinds/second" in canonicalize(other)
