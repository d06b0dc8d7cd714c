"""Signing, canonicalizing and verifying from many threads at once (a threaded web server)
gives every thread the answer it would get alone, from a cold start each round."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bitewise.engines import ob3
from bitewise.engines.ob3.inputs import Evidence
from bitewise.engines.ob3.rdfc import canonicalization_caches_clear
from bitewise.engines.ob3.tests.conftest import ISSUED, NOW, make_credential, status_of

THREADS = 8
# Each round starts cold, so every thread processes contexts and learns shapes at the same
# moment, as the first requests to a freshly started server do.
ROUNDS = 30

# Thirty cold rounds of eight threads each: `make test-engines-slow`.
pytestmark = pytest.mark.slow

# Differently shaped credentials: each is a new shape to learn, so each round expands many.
SHAPES: list[dict[str, Any]] = [
    {},
    {"evidence": []},
    {"status": None},
    {"valid_until": None},
    {"evidence": [Evidence(narrative="a", name="b"), Evidence(narrative="c", name="d")]},
    {"evidence": [], "status": None},
]


@pytest.fixture(autouse=True)
def frequent_thread_switches() -> Iterator[None]:
    # Switch threads every microsecond instead of every 5 ms, so that two threads meet
    # inside shared caches as often as they would under real load over hours.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)
    canonicalization_caches_clear()


def run_together(work: Callable[[int], list[Any]]) -> list[Any]:
    """Start ``work(i)`` in THREADS threads at the same instant; every result, or the error."""
    barrier = threading.Barrier(THREADS)
    results: list[list[Any]] = [[] for _ in range(THREADS)]

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except Exception as error:  # the assertion below names it
            results[index] = [f"raised {type(error).__name__}: {error}"]

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [result for thread_results in results for result in thread_results]


def test_canonicalizing_from_many_threads_at_once_gives_each_the_same_nquads() -> None:
    document = make_credential()
    expected = ob3.canonicalize(document, reuse_shapes=False)
    for round_number in range(ROUNDS):
        canonicalization_caches_clear()
        results = run_together(
            lambda _: [ob3.canonicalize(document, reuse_shapes=False) for _ in range(2)]
        )
        wrong = [r[:120] for r in results if r != expected]
        assert wrong == [], f"round {round_number}: {wrong[:3]}"
        assert len(results) == 2 * THREADS


def test_verifying_from_many_threads_at_once_finds_every_credential_valid(
    issuer_key: ob3.Ed25519Key, key_documents: dict[str, dict[str, Any]]
) -> None:
    credentials = [
        ob3.sign_credential(make_credential(**shape), issuer_key, created=ISSUED)
        for shape in SHAPES
    ]

    def verify_all(index: int) -> list[Any]:
        # Each thread starts at a different shape, so different shapes are learnt at once.
        order = credentials[index % len(credentials) :] + credentials[: index % len(credentials)]
        return [
            ob3.verify_credential(
                credential, now=NOW, key_documents=key_documents, status_lookup=status_of()
            )
            for credential in order
        ]

    for round_number in range(ROUNDS):
        canonicalization_caches_clear()
        results = run_together(verify_all)
        failures = [
            r if isinstance(r, str) else r.reason
            for r in results
            if isinstance(r, str) or not r.is_valid
        ]
        assert failures == [], f"round {round_number}: {failures[:3]}"
        assert len(results) == THREADS * len(SHAPES)


def test_signing_from_many_threads_at_once_gives_signatures_that_verify(
    issuer_key: ob3.Ed25519Key, key_documents: dict[str, dict[str, Any]]
) -> None:
    documents = [make_credential(**shape) for shape in SHAPES]
    for round_number in range(ROUNDS // 3):
        canonicalization_caches_clear()
        signed = run_together(
            lambda index: [
                ob3.sign_credential(document, issuer_key, created=NOW)
                for document in documents[index % len(documents) :]
                + documents[: index % len(documents)]
            ]
        )
        canonicalization_caches_clear()
        reasons = [
            s
            if isinstance(s, str)
            else ob3.verify_credential(
                s, now=NOW, key_documents=key_documents, status_lookup=status_of()
            ).reason
            for s in signed
        ]
        assert [r for r in reasons if r] == [], f"round {round_number}"
        assert len(reasons) == THREADS * len(SHAPES)
