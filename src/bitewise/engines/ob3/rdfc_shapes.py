"""Reuse JSON-LD expansion across documents of one shape.

Expanding a credential (applying the OB 3.0 contexts, type-scoped ones included) is nearly
all the cost of canonicalizing it, yet every credential of one achievement has the same
keys, types and nesting; only string values differ (ids, names, dates, hashes). So the
first document of a shape is expanded with each distinct string value replaced by a unique
placeholder, and the resulting RDF dataset is kept as a template. A later document of the
same shape gets a copy of the template with its own strings put back, and only the
canonical labelling (URDNA2015) runs again.

A placeholder is only trusted where the value passes through expansion unchanged: as the
whole of a literal, or as the whole of an IRI when the value is itself an absolute IRI (an
IRI is never rewritten then). A value used any other way (an IRI built from a term or a
vocabulary, a type, a graph name, a language tag, inside a JSON literal, or dropped)
becomes part of the shape instead, and the template is built again with it fixed. Equal
strings share one placeholder, so RDF's removal of duplicate statements happens exactly as
for the document itself. Tests compare the result with a full expansion on every vector
and on generated documents.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

Dataset = dict[str, list[dict[str, dict[str, str]]]]
BuildDataset = Callable[[Any], Dataset]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):[^\s<>\"{}|\\^`]*$")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_TYPE_KEYS = frozenset({"type", "@type"})
_MARK = f"x-bitewise-shape-{secrets.token_hex(8)}-"
_PLACEHOLDER = re.compile(rf"{re.escape(_MARK)}(\d+)")


@dataclass(frozen=True)
class _Slot:
    graph: str
    triple: int
    component: str  # "subject" or "object"
    value: int  # index into the document's distinct strings


@dataclass(frozen=True)
class _Template:
    dataset: Dataset
    slots: tuple[_Slot, ...]


class ShapeCache:
    """Templates by document structure; thread-safe, bounded."""

    def __init__(self, size: int = 256) -> None:
        # structure -> the value indexes that are part of the shape (None: no template)
        self._fixed: LRUCache[str, frozenset[int] | None] = LRUCache(maxsize=size)
        self._templates: LRUCache[tuple[str, tuple[str, ...]], _Template] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._fixed.clear()
            self._templates.clear()

    def dataset(self, document: Any, build: BuildDataset, *, key: str) -> Dataset:
        """The RDF dataset of ``document``, as ``build`` gives it (errors included)."""
        values: list[str] = []
        skeleton = _skeleton(document, values, {})
        structure = key + json.dumps(skeleton, separators=(",", ":"))
        with self._lock:
            fixed = self._fixed.get(structure, _UNKNOWN)
        if fixed is _UNKNOWN:
            fixed = self._learn(structure, skeleton, values, build)
        if fixed is None:
            return build(document)
        template_key = (structure, tuple(values[index] for index in sorted(fixed)))
        with self._lock:
            template = self._templates.get(template_key)
        if template is None:
            found = _template(skeleton, values, fixed, build)
            if found is None or found[1] != fixed:
                return build(document)
            template = found[0]
            with self._lock:
                self._templates[template_key] = template
        return _fill(template, values)

    def _learn(
        self, structure: str, skeleton: Any, values: list[str], build: BuildDataset
    ) -> frozenset[int] | None:
        """Which values the shape must include: start with none, fix every one found
        untrusted, until a template trusts all that are left (or give up)."""
        fixed: frozenset[int] | None = frozenset()
        for _ in range(4):
            assert fixed is not None
            found = _template(skeleton, values, fixed, build)
            if found is None:
                fixed = None
                break
            if found[1] == fixed:
                break
            fixed = found[1]
        else:
            fixed = None
        with self._lock:
            self._fixed[structure] = fixed
        return fixed


_UNKNOWN: Any = object()


def _skeleton(value: Any, values: list[str], seen: dict[str, int], *, typed: bool = False) -> Any:
    """``value`` with every string outside contexts and types replaced by
    ``["$", index among the distinct strings, IRI scheme or ""]``."""
    if isinstance(value, str):
        if typed:
            return value
        index = seen.get(value)
        if index is None:
            index = seen[value] = len(values)
            values.append(value)
        scheme = _SCHEME.match(value)
        return ["$", index, scheme.group(1) if scheme else ""]
    if isinstance(value, Mapping):
        return {
            name: (
                item
                if name == "@context"
                else _skeleton(item, values, seen, typed=typed or name in _TYPE_KEYS)
            )
            for name, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [["[]"], *(_skeleton(item, values, seen, typed=typed) for item in value)]
    return value


def _placeholder(index: int, scheme: str) -> str:
    # An absolute IRI stays one, with the value's own scheme: a scheme that a context
    # declares as a prefix rewrites both alike, and the check below sees the rewrite.
    return f"{scheme}:{_MARK}{index}" if scheme else f"{_MARK}{index}"


def _document(skeleton: Any, values: list[str], fixed: frozenset[int]) -> Any:
    if isinstance(skeleton, list) and skeleton[:1] == ["$"]:
        _, index, scheme = skeleton
        return values[index] if index in fixed else _placeholder(index, scheme)
    if isinstance(skeleton, Mapping):
        return {
            name: item if name == "@context" else _document(item, values, fixed)
            for name, item in skeleton.items()
        }
    if isinstance(skeleton, list):
        return [_document(item, values, fixed) for item in skeleton[1:]]
    return skeleton


def _placeholders(skeleton: Any, found: dict[str, int]) -> dict[str, int]:
    if isinstance(skeleton, list) and skeleton[:1] == ["$"]:
        found[_placeholder(skeleton[1], skeleton[2])] = skeleton[1]
    elif isinstance(skeleton, Mapping):
        for name, item in skeleton.items():
            if name != "@context":
                _placeholders(item, found)
    elif isinstance(skeleton, list):
        for item in skeleton[1:]:
            _placeholders(item, found)
    return found


def _template(
    skeleton: Any, values: list[str], fixed: frozenset[int], build: BuildDataset
) -> tuple[_Template, frozenset[int]] | None:
    """The dataset of the placeholder document and its slots, with the indexes that must
    be fixed: ``fixed`` plus every placeholder found where it cannot be trusted."""
    try:
        dataset = build(_document(skeleton, values, fixed))
    except ValueError:
        return None
    placeholders = _placeholders(skeleton, {})
    slots: list[_Slot] = []
    untrusted: set[int] = set()
    seen: set[int] = set()
    for graph, triples in dataset.items():
        untrusted.update(_indexes(graph))
        for position, triple in enumerate(triples):
            for component, term in triple.items():
                for field, text in term.items():
                    if field != "value":
                        untrusted.update(_indexes(text))
                indexes = _indexes(term["value"])
                if not indexes:
                    continue
                seen.update(indexes)
                index = placeholders.get(term["value"])
                if index is not None and index not in fixed and _trusted(component, triple, term):
                    slots.append(_Slot(graph, position, component, index))
                else:
                    untrusted.update(indexes)
    # A value that left no trace (dropped, or only steering expansion) is part of the shape.
    untrusted.update(set(range(len(values))) - fixed - seen)
    trusted = tuple(slot for slot in slots if slot.value not in untrusted)
    return _Template(dataset=dataset, slots=trusted), fixed | frozenset(untrusted)


def _indexes(text: str) -> set[int]:
    return {int(match.group(1)) for match in _PLACEHOLDER.finditer(text)}


def _trusted(component: str, triple: Mapping[str, Any], term: Mapping[str, str]) -> bool:
    """Whether the real value may stand where its placeholder stands unchanged. (The caller
    has checked that the placeholder came through whole, so expansion did not touch it.)"""
    if component == "subject":
        return term.get("type") == "IRI"
    if component != "object":
        return False
    # A type (even under a home-made alias of @type) can bring a type-scoped context.
    return term.get("type") == "literal" or (
        term.get("type") == "IRI" and triple["predicate"]["value"] != _RDF_TYPE
    )


def _fill(template: _Template, values: list[str]) -> Dataset:
    """A fresh copy of the template's dataset (URDNA2015 relabels in place) with the
    document's strings in their slots."""
    dataset: Dataset = {
        graph: [{part: dict(term) for part, term in triple.items()} for triple in triples]
        for graph, triples in template.dataset.items()
    }
    for slot in template.slots:
        dataset[slot.graph][slot.triple][slot.component]["value"] = values[slot.value]
    return dataset
