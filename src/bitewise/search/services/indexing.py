"""Keep the search index in step with the catalog, webinars and transcripts."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from bitewise.catalog.cache import catalog_version
from bitewise.catalog.models import (
    Choice,
    Lesson,
    MicroCredential,
    MicroCredentialLesson,
    Question,
    Status,
)
from bitewise.search.models import Document, DocumentKind, IndexState, Transcript
from bitewise.search.services.documents import DocumentSpec, documents_write, index_changed, plain
from bitewise.search.services.passages import passages_index
from bitewise.webinars.models import Webinar

CLAIM_EXPIRES = timedelta(minutes=30)  # a crashed runner's claim lapses after this


def _lesson_links() -> tuple[dict[int, str], set[int]]:
    """Each lesson's micro-credential to open it in (a published one first), and the ids of
    lessons learners can see (those in a published micro-credential)."""
    links: dict[int, str] = {}
    public: set[int] = set()
    rows = MicroCredentialLesson.objects.values_list(
        "lesson_id", "micro_credential__slug", "micro_credential__status"
    ).order_by("micro_credential__published_at", "micro_credential_id")
    for lesson_id, slug, status in rows:
        if status == Status.PUBLISHED:
            if lesson_id not in public:
                links[lesson_id] = slug
            public.add(lesson_id)
        else:
            links.setdefault(lesson_id, slug)
    return links, public


def _catalog_specs(links: dict[int, str], public: set[int]) -> list[DocumentSpec]:
    specs = []
    lessons = Lesson.objects.filter(pk__in=links).only("id", "title", "summary", "body_markdown")
    for lesson in lessons.iterator(chunk_size=2000):
        body = " ".join(filter(None, [lesson.summary, plain(lesson.body_markdown)]))
        specs.append(
            DocumentSpec(
                kind=DocumentKind.LESSON,
                title=lesson.title,
                body=body,
                lesson_id=lesson.pk,
                micro_credential_slug=links[lesson.pk],
                is_public=lesson.pk in public,
            )
        )
    choices: dict[int, list[str]] = defaultdict(list)
    for question_id, text, explanation in Choice.objects.filter(
        question__lesson_id__in=links
    ).values_list("question_id", "text", "explanation"):
        choices[question_id].append(f"{text}: {explanation}" if explanation else text)
    questions = Question.objects.filter(lesson_id__in=links).values_list(
        "id", "lesson_id", "prompt"
    )
    for question_id, lesson_id, prompt in questions.iterator(chunk_size=2000):
        specs.append(
            DocumentSpec(
                kind=DocumentKind.EXPLANATION,
                title=prompt,
                body=" ".join(choices[question_id]),
                lesson_id=lesson_id,
                question_id=question_id,
                micro_credential_slug=links[lesson_id],
                is_public=lesson_id in public,
            )
        )
    return specs


def _sync_catalog() -> int:
    """Compare what lessons and questions should look like as documents with what is
    indexed, by fingerprint, and write only the difference."""
    links, public = _lesson_links()
    wanted = _catalog_specs(links, public)
    indexed: dict[tuple[str, int | None], tuple[int, str]] = {}
    rows = Document.objects.filter(kind__in=[DocumentKind.LESSON, DocumentKind.EXPLANATION])
    for pk, kind, lesson_id, question_id, fingerprint in rows.values_list(
        "pk", "kind", "lesson_id", "question_id", "fingerprint"
    ).iterator(chunk_size=5000):
        key = (kind, lesson_id if kind == DocumentKind.LESSON else question_id)
        indexed[key] = (pk, fingerprint)
    changed = [s for s in wanted if indexed.get(s.key, (0, ""))[1] != s.fingerprint()]
    gone = set(indexed) - {s.key for s in wanted}
    Document.objects.filter(pk__in=[indexed[key][0] for key in gone]).delete()
    documents_write(specs=changed, replace={k: v[0] for k, v in indexed.items()})
    # Lessons cut from recordings may have moved, changed or been published: place every
    # passage again (only the ones whose lesson, moment or visibility changed are written).
    return len(changed) + len(gone) + passages_index(_all_transcripts())


def _all_transcripts() -> list[int]:
    return list(Transcript.objects.order_by("pk").values_list("pk", flat=True))


def _sync_webinars(since: object) -> int:
    """A webinar published, cancelled or back in draft shows or hides its passages."""
    changed = (
        Webinar.objects.all() if since is None else Webinar.objects.filter(updated_at__gt=since)
    )
    count = 0
    for webinar_id, status in changed.values_list("id", "status"):
        visible = status != "draft"
        count += (
            Document.objects.filter(kind=DocumentKind.PASSAGE, webinar_id=webinar_id)
            .exclude(is_public=visible)
            .update(is_public=visible, updated_at=timezone.now())
        )
    return count


def _sync_transcripts(since: object) -> int:
    """Passages of transcripts made since ``since`` (their writers index them; this catches a
    run cut short)."""
    transcripts = Transcript.objects.all()
    if since is not None:
        transcripts = transcripts.filter(created_at__gt=since)
    return passages_index(list(transcripts.order_by("pk").values_list("pk", flat=True)))


def _catalog_touched(since: datetime) -> bool:
    """Rows written without the catalog services (bulk loads, the admin's bulk actions) do
    not bump the catalog version; their timestamps still show."""
    return (
        Lesson.objects.filter(updated_at__gt=since).exists()
        or MicroCredential.objects.filter(updated_at__gt=since).exists()
    )


def search_index_refresh() -> int:
    """Index what changed since the last run; returns how many documents were written.

    One runner at a time through an atomic claim on the state row, and no long transaction:
    documents are written batch by batch, and a run cut short is finished by the next one
    (fingerprints show what is still out of date). Nothing changed costs a handful of
    small queries and no writes but the claim."""
    state, _ = IndexState.objects.get_or_create(pk=1)
    started = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=started - CLAIM_EXPIRES)
    if not IndexState.objects.filter(free, pk=state.pk).update(claimed_at=started):
        return 0
    try:
        since = state.refreshed_at
        version = catalog_version()
        count = 0
        if since is None or version != state.catalog_version or _catalog_touched(since):
            count += _sync_catalog()  # and every transcript's passages
        else:
            count += _sync_transcripts(since)
        count += _sync_webinars(since)
        IndexState.objects.filter(pk=state.pk).update(refreshed_at=started, catalog_version=version)
        if count:
            index_changed()
    finally:
        IndexState.objects.filter(pk=state.pk, claimed_at=started).update(claimed_at=None)
    return count
