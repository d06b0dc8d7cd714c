"""Bulk issuing on a miss: direct timings of each part of one issuance and a
cProfile of a worker, summed by part."""

from __future__ import annotations

import pstats
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass


def component_timings(template_award_id: int) -> dict[str, float]:
    """Milliseconds per call of the parts of one issuance, timed directly (no profiler)."""
    from bitewise.credentials.models import IssuedCredential, SigningKey
    from bitewise.credentials.services.issuers import engine_key
    from bitewise.engines import ob3
    from bitewise.engines.ob3.rdfc import canonicalize

    credential = IssuedCredential.objects.select_related("signing_key__issuer").get(
        award_id=template_award_id
    )
    signed = credential.document
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    proof = signed["proof"][-1]
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = unsecured["@context"]
    signing_key = SigningKey.objects.select_related("issuer").get(pk=credential.signing_key_id)
    key = engine_key(signing_key)
    created = datetime.now(UTC).replace(microsecond=0)

    def per_call(operation: Callable[[], object], count: int) -> float:
        """Best of 3 batches, in ms per call (least disturbed by other processes)."""
        operation()
        batches = []
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(count // 3):
                operation()
            batches.append((time.perf_counter() - start) / (count // 3) * 1000)
        return min(batches)

    from bitewise.credentials import keystore

    return {
        "sign_credential": per_call(
            lambda: ob3.sign_credential(unsecured, key, created=created), 60
        ),
        "canonicalize document": per_call(lambda: canonicalize(unsecured), 60),
        "canonicalize proof options": per_call(lambda: canonicalize(config), 60),
        "canonicalize document, full expansion": (
            per_call(lambda: canonicalize(unsecured, reuse_shapes=False), 60)
            if canonicalize(unsecured, reuse_shapes=False) == canonicalize(unsecured)
            else float("nan")
        ),
        "Ed25519 signature": per_call(lambda: key.sign(b"x" * 64), 2000),
        "decrypt seed (Fernet)": per_call(
            lambda: keystore.decrypt_seed(signing_key.encrypted_seed), 2000
        ),
        "engine_key (decrypt + key)": per_call(lambda: engine_key(signing_key), 2000),
    }


def profile_summary(path: str, issued: int) -> dict[str, Any]:
    stats = pstats.Stats(path)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, dict[Any, Any]]] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values())

    def cumulative(file_part: str, name: str, caller: tuple[str, str] | None = None) -> float:
        found = 0.0
        for (file, _, func), (_, _, _, ct, callers) in raw.items():
            if func != name or file_part not in file:
                continue
            if caller is None:
                found += ct
            else:
                found += sum(
                    c[3]
                    for (cfile, _, cfunc), c in callers.items()
                    if cfunc == caller[1] and caller[0] in cfile
                )
        return found

    rdfc = "engines/ob3/rdfc.py"
    buckets = {
        "total (profiled loop)": total,
        "award load (the event handler's query)": cumulative("django/db/models/query.py", "get"),
        "credential_issue": cumulative("services/issuing.py", "credential_issue"),
        "sign_credential": cumulative("ob3/sign.py", "sign_credential"),
        "canonicalize (2 per credential)": cumulative(rdfc, "canonicalize"),
        "  pyld expand, called by canonicalize": cumulative(
            "pyld/jsonld.py", "expand", (rdfc, "canonicalize")
        ),
        "  pyld normalize (to_rdf + URDNA2015)": cumulative(
            "pyld/jsonld.py", "normalize", (rdfc, "canonicalize")
        ),
        "    to_rdf's second expand (already expanded)": cumulative(
            "pyld/jsonld.py", "expand", ("pyld/jsonld.py", "to_rdf")
        ),
        "    URDNA2015 (canonical labelling)": cumulative("pyld/canon.py", "main"),
        "  pyld context processing (inside the expansions)": cumulative(
            "pyld/jsonld.py", "_process_context"
        ),
        "  type-scoped contexts applied while expanding": cumulative(
            "pyld/jsonld.py", "_prepare_nested_context"
        ),
        "    JCS cache keys for inline (type-scoped) contexts": cumulative(
            "c14n/Canonicalize.py", "canonicalize", ("pyld/context_resolver.py", "resolve")
        ),
        "Ed25519 sign": cumulative("ob3/keys.py", "sign"),
        "engine_key (Fernet decrypt + key)": cumulative("services/issuers.py", "engine_key"),
        "build_credential": cumulative("ob3/build.py", "build_credential"),
        "Django ORM queries (SQL compile + execute)": cumulative(
            "django/db/models/sql/compiler.py", "execute_sql"
        ),
        "  SQL execution (cursor.execute)": cumulative("django/db/backends/utils.py", "_execute"),
    }
    top = [
        {
            "calls": f"{nc}/{cc}" if nc != cc else str(nc),
            "tottime": tt,
            "where": f"{file}:{line}({func})",
        }
        for (file, line, func), (cc, nc, tt, _, _) in sorted(
            raw.items(), key=lambda item: item[1][2], reverse=True
        )[:12]
    ]
    term_definitions = sum(
        nc
        for (file, _, func), (_, nc, _, _, _) in raw.items()
        if func == "_create_term_definition" and "pyld/jsonld.py" in file
    )
    return {
        "issued": issued,
        "buckets": buckets,
        "top": top,
        "term_definitions_per_credential": term_definitions / max(issued, 1),
    }
