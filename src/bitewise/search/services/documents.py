"""What each searchable thing looks like as a document, and writing documents in bulk."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass

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
        return hashlib.sha256(repr(astuple(self)).encode()).hexdigest()

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
