"""Property: changing any single leaf of a signed credential makes it INVALID."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from bitewise.engines.ob3 import Ed25519Key, sign_credential, verify_credential
from bitewise.engines.ob3.tests.conftest import ISSUED, ISSUER_ID, NOW, make_credential

# Keep Hypothesis' scratch files out of the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "bitewise-hypothesis")

KEY = Ed25519Key.from_seed(bytes(range(32)), ISSUER_ID)
DOCUMENTS = {ISSUER_ID: KEY.controller_document()}
SIGNED = sign_credential(make_credential(), KEY, created=ISSUED)


def leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in leaf_paths(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in leaf_paths(item, (*path, index))]
    return [path]


LEAVES = leaf_paths(SIGNED)


def changed(value: Any, text: str) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if not text:
        return value[:-1] or "x"
    return value + text


@settings(
    max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(path=st.sampled_from(LEAVES), text=st.sampled_from(["", "x", " ", "é", "0", "#"]))
def test_any_changed_leaf_makes_the_credential_invalid(path: tuple[Any, ...], text: str) -> None:
    tampered = copy.deepcopy(SIGNED)
    target: Any = tampered
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = changed(target[path[-1]], text)

    result = verify_credential(tampered, now=NOW, key_documents=DOCUMENTS)

    assert result.status == "INVALID", f"{path} -> {target[path[-1]]!r}"
