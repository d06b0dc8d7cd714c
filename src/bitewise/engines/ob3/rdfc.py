"""RDF Dataset Canonicalization (RDFC-1.0, a.k.a. URDNA2015) of JSON-LD documents, in safe mode.

https://www.w3.org/TR/rdf-canon/ ; safe mode as in
https://www.w3.org/TR/vc-data-integrity/#securing-data-losslessly : a term that the contexts do
not declare, or a relative IRI, would silently drop data from the signed statements, so it is
refused instead.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping
from typing import Any

from pyld import jsonld
from pyld.canon import URDNA2015
from pyld.identifier_issuer import IdentifierIssuer

from bitewise.engines.ob3.contexts import ContextVariant, UnknownContextError
from bitewise.engines.ob3.loader import context_caches_clear, context_resolver, document_loader
from bitewise.engines.ob3.rdfc_shapes import ShapeCache

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class CanonicalizationError(ValueError):
    pass


_SHAPES = ShapeCache()
# pyld is not safe to run in two threads at once: each processed context keeps an LRU cache
# (cachetools, unlocked) of what it became under each active context, shared by every
# expansion through the context cache. Concurrent expansions evict each other's entries
# mid-lookup (KeyError, "OrderedDict mutated during iteration"). Expansion is rare once a
# shape is learnt (rdfc_shapes.py) and holds the GIL anyway, so one at a time costs little.
_PYLD_LOCK = threading.Lock()


def canonicalization_caches_clear() -> None:
    """Start cold: no processed contexts, no learnt shapes (as a fresh process)."""
    context_caches_clear()
    _SHAPES.clear()


def canonicalize(
    document: Mapping[str, Any], *, variant: ContextVariant = "spec", reuse_shapes: bool = True
) -> str:
    """Canonical N-Quads of ``document``; raises CanonicalizationError on any data loss.

    With ``reuse_shapes`` a document shaped like an earlier one skips JSON-LD expansion
    (rdfc_shapes.py); the result is the same either way.
    """
    document = _json_numbers(document)
    try:
        if reuse_shapes:
            dataset = _SHAPES.dataset(
                document, lambda doc: _expanded_dataset(doc, variant), key=variant
            )
        else:
            dataset = _expanded_dataset(document, variant)
        nquads: str = URDNA2015().main(dataset, {"format": "application/n-quads"})
    except jsonld.JsonLdError as error:
        raise CanonicalizationError(_describe(error)) from error
    except RecursionError as error:
        raise CanonicalizationError("document is nested too deeply") from error
    return nquads


def _expanded_dataset(document: Any, variant: ContextVariant) -> dict[str, Any]:
    """Expand ``document`` and turn it into an RDF dataset, refusing any data loss."""
    dropped: list[str] = []
    processor = jsonld.JsonLdProcessor(on_property_dropped=lambda term: dropped.append(str(term)))
    options = {
        "documentLoader": document_loader(variant),
        "contextResolver": context_resolver(variant),
        # pyld resolves relative IRIs against http://example.org/base/ when base is "", which
        # would hide them from the check below and differ from jsonld.js.
        "base": None,
    }
    try:
        with _PYLD_LOCK:
            expanded = processor.expand(document, options)
            if dropped:
                terms = ", ".join(sorted(set(dropped)))
                raise CanonicalizationError(f"terms not declared in any @context: {terms}")
            relative = sorted(set(_relative_iris(expanded)))
            if relative:
                raise CanonicalizationError(
                    f"relative IRIs (undeclared types?): {', '.join(relative)}"
                )
            return _to_dataset(processor, expanded, options)
    except jsonld.JsonLdError as error:
        raise CanonicalizationError(_describe(error)) from error
    except RecursionError as error:
        raise CanonicalizationError("document is nested too deeply") from error


def _to_dataset(
    processor: jsonld.JsonLdProcessor, expanded: Any, options: dict[str, Any]
) -> dict[str, Any]:
    """pyld's ``to_rdf`` minus its own expansion: the input is already expanded, and
    expanding it a second time was a quarter of the cost of canonicalizing. Same steps
    in the same order (https://www.w3.org/TR/json-ld11-api/#deserialize-json-ld-to-rdf-algorithm);
    tests compare the result with ``jsonld.normalize`` on every vector."""
    issuer = IdentifierIssuer("_:b")
    node_map: dict[str, Any] = {"@default": {}}
    processor._create_node_map(expanded, node_map, "@default", issuer)
    rdf_options = {**options, "produceGeneralizedRdf": False, "processingMode": "json-ld-1.1"}
    return {
        name: processor._graph_to_rdf(graph, issuer, rdf_options)
        for name, graph in sorted(node_map.items())
        # pyld's own rule: named graphs (embedded proofs) named by a blank node or an
        # absolute IRI are kept, relative ones dropped
        if name == "@default" or jsonld._is_absolute_iri(name)
    }


def _describe(error: BaseException) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, UnknownContextError):
            return str(cause)
        cause = cause.__cause__ or cause.__context__
    return f"JSON-LD processing failed: {getattr(error, 'message', None) or error}"


def _json_numbers(value: Any) -> Any:
    # JSON has one number type: 2.0 is the integer 2 to JSON-LD (and to JavaScript), while pyld
    # would write a Python float as a double. https://www.w3.org/TR/json-ld11-api/#data-round-tripping
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CanonicalizationError("NaN and Infinity are not JSON numbers")
        return int(value) if value.is_integer() and abs(value) < 1e21 else value
    if isinstance(value, Mapping):
        return {key: _json_numbers(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_numbers(item) for item in value]
    return value


def _relative_iris(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found.extend(_relative_iris(item))
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@id" and isinstance(value, str):
                found.extend(_relative([value]))
            elif key == "@type" and "@value" not in node:
                found.extend(_relative(value if isinstance(value, list) else [value]))
            elif key == "@type" and isinstance(value, str):
                found.extend(_relative([value]))
            elif key != "@value":
                found.extend(_relative_iris(value))
    return found


def _relative(values: list[Any]) -> list[str]:
    return [
        value
        for value in values
        if isinstance(value, str)
        and not value.startswith(("_:", "@"))
        and not _ABSOLUTE_IRI.match(value)
    ]
