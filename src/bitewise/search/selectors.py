"""Search: full-text (FTS5 or PostgreSQL) and semantic similarity, fused by rank."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.catalog.models import Skill
from bitewise.engines.search.fusion import reciprocal_rank_fusion
from bitewise.engines.search.text import (
    fts5_query,
    snippet,
    terms,
    tsquery_prefix,
    tsquery_relaxed,
)
from bitewise.engines.search.vectors import top_k
from bitewise.learning.models import QuestionAnswer
from bitewise.membership.entitlements import decisions_for, refused_lesson_ids
from bitewise.membership.models import TargetKind
from bitewise.search import matrix
from bitewise.search.data import SearchHit
from bitewise.search.embeddings import embed
from bitewise.search.models import Document, DocumentKind, Transcript
from bitewise.search.recordings import recordings_of

CANDIDATES = 50  # from each ranking, before fusion
# Full-text ranks at most this many matches (SQLite: the newest; PostgreSQL: the first the
# GIN scan yields, where sorting them would cost what the window saves): a broad query over
# a large index matches tens of thousands of documents, and scoring them all is what made
# p95 latency (benchmarks/RESULTS.md "Search"); the semantic ranking still sees everything.
RANK_WINDOW = 2000
SEMANTIC_FLOOR = 0.2  # below this cosine a "similar" text is noise, not a hit
# The static model alone ranks worse than full-text (benchmarks/RESULTS.md "Search"), so its
# votes count half in the fusion.
SEMANTIC_WEIGHT = 0.5


def sees_drafts(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff)


def _answered(learner: User | None) -> QuerySet[QuestionAnswer, Any]:
    """The questions ``learner`` has answered: the only ones whose explanations (which give the
    answer away) they may find."""
    answers = (
        QuestionAnswer.objects.filter(learner=learner) if learner else QuestionAnswer.objects.none()
    )
    return answers.values("question_id")


def _explanations_clause(learner: User | None) -> tuple[str, list[Any]]:
    if learner is None:
        return "d.kind <> 'explanation'", []
    sql, params = _answered(learner).query.sql_with_params()
    return f"(d.kind <> 'explanation' OR d.question_id IN ({sql}))", list(params)


def fulltext_ids(
    *,
    query: str,
    public_only: bool,
    kind: str = "",
    limit: int = CANDIDATES,
    learner: User | None = None,
) -> list[int]:
    """Document ids best first by BM25 (SQLite) or ts_rank_cd (PostgreSQL): every word must
    match, the last as a prefix; when that finds too few, any two words may (or either of
    two). Any single word of a long query would match most of a large index and take
    hundreds of milliseconds to rank (benchmarks/RESULTS.md "Search"). With ``public_only``,
    quiz explanations are found only for questions ``learner`` has answered."""
    found = _fulltext(query, public_only, kind, limit, learner, relaxed=False)
    if len(found) < limit and len(terms(query)) > 1:
        more = _fulltext(query, public_only, kind, limit, learner, relaxed=True)
        seen = set(found)
        found += [pk for pk in more if pk not in seen][: limit - len(found)]
    return found


def _fulltext(
    query: str, public_only: bool, kind: str, limit: int, learner: User | None, *, relaxed: bool
) -> list[int]:
    where: list[str] = []
    params: list[Any] = []
    if public_only:
        clause, clause_params = _explanations_clause(learner)
        where += ["d.is_public", clause]
        params += clause_params
    if kind:
        where.append("d.kind = %s")
        params.append(kind)
    extra = "".join(f" AND {w}" for w in where)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = fts5_query(query, relaxed=relaxed)
            if not match:
                return []
            cursor.execute(
                "SELECT d.id FROM (SELECT rowid AS id, bm25(search_document_fts, 4.0, 1.0) AS"
                " score FROM search_document_fts WHERE search_document_fts MATCH %s"
                " ORDER BY rowid DESC LIMIT %s) m JOIN search_document d ON d.id = m.id"
                f" WHERE 1 = 1{extra} ORDER BY m.score LIMIT %s",
                [match, RANK_WINDOW, *params, limit],
            )
        else:
            tsquery, tsparams = _tsquery(query, relaxed=relaxed)
            if not tsquery:
                return []
            cursor.execute(
                "SELECT m.id FROM (SELECT d.id, d.search_vector, t.q FROM search_document d,"
                f" (SELECT {tsquery} AS q) t WHERE d.search_vector @@ t.q{extra}"
                " LIMIT %s) m"
                " ORDER BY ts_rank_cd(m.search_vector, m.q) DESC, m.id DESC LIMIT %s",
                [*tsparams, *params, RANK_WINDOW, limit],
            )
        return [row[0] for row in cursor.fetchall()]


def _tsquery(query: str, *, relaxed: bool) -> tuple[str, list[str]]:
    """SQL for the PostgreSQL query and its parameters: websearch_to_tsquery for the finished
    words, ANDed with a prefix query for the word still being typed."""
    if relaxed:
        text = tsquery_relaxed(query)
        return ("to_tsquery('english', %s)", [text]) if text else ("", [])
    prefix = tsquery_prefix(query)
    finished = query.rsplit(None, 1)[0] if prefix and " " in query.strip() else query
    if prefix:
        finished = "" if finished == query else finished
    parts, params = [], []
    if terms(finished):
        parts.append("websearch_to_tsquery('english', %s)")
        params.append(finished)
    if prefix:
        parts.append("to_tsquery('english', %s)")
        params.append(prefix)
    return " && ".join(parts), params


def semantic_ids(
    *,
    query: str,
    public_only: bool,
    kind: str = "",
    limit: int = CANDIDATES,
    learner: User | None = None,
) -> list[int]:
    """Document ids best first by cosine similarity of their embedding to the query's (with
    ``public_only``, explanations only of questions ``learner`` has answered)."""
    if not query.strip():
        return []
    vectors = matrix.loaded()
    mask = np.ones(len(vectors.ids), dtype=bool)
    if public_only:
        mask &= vectors.public
        answered = Document.objects.filter(
            kind=DocumentKind.EXPLANATION, question_id__in=_answered(learner)
        ).values_list("id", flat=True)
        explanation = vectors.kinds == matrix.KIND_CODES[DocumentKind.EXPLANATION]
        mask &= ~explanation | np.isin(vectors.ids, np.fromiter(answered, dtype=np.int64))
    if kind:
        mask &= vectors.kinds == matrix.KIND_CODES.get(kind, 254)
    best = top_k(embed([query])[0], vectors.matrix, limit, mask=mask)
    return [int(vectors.ids[i]) for i, score in best if score >= SEMANTIC_FLOOR]


def search(
    *, query: str, user: User | None, kind: str = "", limit: int = 10, semantic: bool = True
) -> list[SearchHit]:
    """The best ``limit`` hits for ``query`` that ``user`` may see: drafts only for staff, and
    a quiz explanation only for staff and learners who have answered its question."""
    query = query.strip()[:200]
    limit = max(1, min(limit, 50))
    if not query or kind not in ("", *DocumentKind.values):
        return []
    public_only = not sees_drafts(user)
    learner = user if user is not None and user.is_authenticated else None
    rankings = [fulltext_ids(query=query, public_only=public_only, kind=kind, learner=learner)]
    if semantic:
        rankings.append(
            semantic_ids(query=query, public_only=public_only, kind=kind, learner=learner)
        )
    fused = reciprocal_rank_fusion(rankings, weights=[1.0, SEMANTIC_WEIGHT][: len(rankings)])
    if public_only:
        closed = closed_document_ids([pk for pk, _ in fused], user)
        fused = [(pk, score) for pk, score in fused if pk not in closed]
    fused = fused[:limit]
    documents = Document.objects.defer("embedding").in_bulk([pk for pk, _ in fused])
    return [_hit(documents[pk], query, score) for pk, score in fused if pk in documents]


def closed_document_ids(ids: list[int], user: User | None) -> set[int]:
    """Of ``ids``, the documents of lessons and webinars ``user`` may not open (members only,
    priced): search shows nothing of them, not even a snippet."""
    if not ids:
        return set()
    refused_lessons = refused_lesson_ids(person=user)
    in_no_lesson = Q(kind=DocumentKind.PASSAGE, lesson=None, webinar=None)
    rows = list(
        Document.objects.filter(pk__in=ids)
        .filter(
            Q(lesson_id__in=refused_lessons)
            | Q(webinar__isnull=False)
            | (in_no_lesson if refused_lessons else Q(pk__in=[]))
        )
        .values_list("pk", "lesson_id", "webinar_id", "passage__transcript_id")
    )
    webinar_ids = list({row[2] for row in rows if row[2] is not None})
    decisions = (
        decisions_for(person=user, kind=TargetKind.WEBINAR, ids=webinar_ids) if webinar_ids else {}
    )
    # A part of a recording no lesson plays is as closed as every lesson playing the recording.
    loose = {row[3] for row in rows if row[1] is None and row[2] is None}
    players = {
        pk: set(recording.players)
        for pk, recording in recordings_of(list(Transcript.objects.filter(pk__in=loose))).items()
    }
    return {
        pk
        for pk, lesson_id, webinar_id, transcript_id in rows
        if lesson_id in refused_lessons
        or (webinar_id is not None and not decisions[webinar_id].allowed)
        or (lesson_id is None and webinar_id is None and players[transcript_id] <= refused_lessons)
    }


def hit_url(document: Document) -> str:
    if document.kind == DocumentKind.PASSAGE:
        assert document.passage_id is not None
        at = int(document.start_seconds or 0)
        return reverse("search:play", args=[document.passage_id]) + f"?t={at}"
    url = reverse("learning:lesson", args=[document.micro_credential_slug, document.lesson_id])
    if document.kind == DocumentKind.EXPLANATION:
        url += f"#question-{document.question_id}"
    return url


def _hit(document: Document, query: str, score: float) -> SearchHit:
    is_passage = document.kind == DocumentKind.PASSAGE
    return SearchHit(
        document_id=document.pk,
        kind=document.kind,
        title=document.title,
        snippet=snippet(document.body, query),
        url=hit_url(document),
        start_seconds=int(document.start_seconds or 0) if is_passage else None,
        score=round(score, 6),
    )


def best_passage(*, skill: Skill, user: User | None) -> SearchHit | None:
    """The single most relevant short passage for a skill: the best hybrid hit among
    recording passages for its name and description, else the best lesson or explanation."""
    query = f"{skill.name} {skill.description}".strip()
    # Whole words only: the description is not being typed, so no prefix match.
    for kind in (DocumentKind.PASSAGE, ""):
        hits = search(query=query + " ", user=user, kind=kind, limit=1)
        if hits:
            return hits[0]
    return None


def lesson_links(lesson_ids: list[int]) -> dict[int, str]:
    """A URL to open each lesson, through a published micro-credential holding it."""
    rows = Document.objects.filter(kind=DocumentKind.LESSON, lesson_id__in=lesson_ids).only(
        "kind", "lesson_id", "micro_credential_slug"
    )
    return {d.lesson_id: hit_url(d) for d in rows if d.lesson_id is not None}
