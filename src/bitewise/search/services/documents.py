"""What each searchable thing looks like as a document, and writing documents in bulk."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from bitewise.engines.search.vectors import to_bytes
from bitewise.search.embeddings import embed
from bitewise.search.models import Document, IndexState

_MARKUP = re.compile(r"[#*_>`|\[\]]+|\((?:https?://|/)[^)]*\)")
BATCH = 500
UPDATED_FIELDS = [
    "title", "body", "micro_credential_slug", "start_seconds", "is_public",
    "fingerprint", "embedding", "webinar_id", "updated_at",
]  # fmt: skip


def plain(markdown: str) -> str:
    """Markdown without its markup: what a reader sees, which is what search should match."""
    return " ".join(_MARKUP.sub(" ", markdown).split())


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    title: str
    body: str
    lesson_id: int | None = None
    question_id: int | None = None
    passage_id: int | None = None
    webinar_id: str | None = None
    micro_credential_slug: str = ""
    start_seconds: float | None = None
    is_public: bool = False

    @property
    def key(self) -> tuple[str, int | None]:
        if self.kind == "lesson":
            return (self.kind, self.lesson_id)
        if self.kind == "explanation":
            return (self.kind, self.question_id)
        return (self.kind, self.passage_id)

    def fingerprint(self) -> str:
        # A passage's text changes under its id only when staff correct the transcript, and
        # that drops its document; so its fingerprint leaves the text out and the index
        # compares passages without reading it.
        values = tuple(getattr(self, name) for name in _FIELDS)  # astuple(self), made faster
        if self.kind == "passage":
            values = (*values[:_BODY], "", *values[_BODY + 1 :])
        return hashlib.sha256(repr(values).encode()).hexdigest()

    def to_document(self, embedding: bytes) -> Document:
        return Document(
            kind=self.kind,
            title=self.title[:300],
            body=self.body,
            lesson_id=self.lesson_id,
            question_id=self.question_id,
            passage_id=self.passage_id,
            webinar_id=self.webinar_id,
            micro_credential_slug=self.micro_credential_slug,
            start_seconds=self.start_seconds,
            is_public=self.is_public,
            fingerprint=self.fingerprint(),
            embedding=embedding,
        )


_FIELDS = tuple(field.name for field in dataclasses.fields(DocumentSpec))
_BODY = _FIELDS.index("body")


def _batches(items: Sequence[DocumentSpec]) -> Iterable[Sequence[DocumentSpec]]:
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def documents_write(
    *, specs: Sequence[DocumentSpec], replace: dict[tuple[str, int | None], int]
) -> int:
    """Insert ``specs``, or update the document ``replace`` names for a spec's key, embedding
    each text once. Each batch commits whole; returns how many documents were written."""
    for batch in _batches(specs):
        vectors = embed([f"{s.title}. {s.body}" for s in batch])
        now = timezone.now()  # updated_at tells web processes which vectors to re-read
        creating, updating = [], []
        for spec, vector in zip(batch, vectors, strict=True):
            document = spec.to_document(to_bytes(vector))
            if spec.key in replace:
                document.pk, document.updated_at = replace[spec.key], now
                updating.append(document)
            else:
                creating.append(document)
        with transaction.atomic():
            Document.objects.bulk_create(creating)
            Document.objects.bulk_update(updating, UPDATED_FIELDS)
    return len(specs)


def index_changed() -> None:
    """Replace the index version: web processes reload their embedding matrix on next search.
    A random token, not a counter, so a rolled-back transaction can never reissue a number."""
    state, _ = IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=state.pk).update(version=uuid.uuid4().hex)


RELINKED_FIELDS = [
    "lesson_id", "webinar_id", "micro_credential_slug", "start_seconds", "is_public",
    "fingerprint", "updated_at",
]  # fmt: skip


def documents_relink(
    *, specs: Sequence[DocumentSpec], ids: dict[tuple[str, int | None], int]
) -> int:
    """Update where existing documents link to and who may find them, keeping their text and
    embedding (for specs whose title and body are what the document already holds)."""
    now = timezone.now()
    documents = []
    for spec in specs:
        document = spec.to_document(b"")
        document.pk, document.updated_at = ids[spec.key], now
        documents.append(document)
    for i in range(0, len(documents), BATCH):
        Document.objects.bulk_update(documents[i : i + BATCH], RELINKED_FIELDS)
    return len(documents)
