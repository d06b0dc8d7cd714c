"""Funnels per micro-credential and pathway (live, a fixed number of queries each) and the
item analysis of every question (computed into a rollup: it reads every answer)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import Count, F, Q

from bitewise.catalog.models import (
    Choice,
    MicroCredential,
    MicroCredentialLesson,
    Pathway,
    Question,
)
from bitewise.engines.insight.funnel import Funnel, funnel
from bitewise.engines.insight.items import FLAG_LABELS, Response, item_analysis
from bitewise.insight.selectors.periods import Period
from bitewise.learning.models import Award, Enrollment, LessonCompletion, QuestionAnswer
from bitewise.repurposing.models import DraftSegment

SECONDS_PER_DAY = 86_400


def micro_credential_funnel(micro_credential: MicroCredential, period: Period) -> Funnel:
    """Learners who enrolled in the period, followed lesson by lesson: five queries."""
    lessons = list(
        MicroCredentialLesson.objects.filter(micro_credential=micro_credential)
        .order_by("position", "pk")
        .values_list("lesson_id", "lesson__title")
    )
    enrolments = Enrollment.objects.filter(
        micro_credential=micro_credential, **period.instants("subscribed_at")
    )
    totals = enrolments.aggregate(
        enrolled=Count("pk"), unsubscribed=Count("pk", filter=Q(is_active=False))
    )
    cohort = enrolments.values("learner_id")
    done = LessonCompletion.objects.filter(
        lesson_id__in=[pk for pk, _ in lessons], learner_id__in=cohort
    )
    per_lesson = dict(done.values_list("lesson_id").annotate(n=Count("pk")).order_by())
    started = done.values("learner_id").distinct().count()
    awarded = list(
        Award.objects.filter(micro_credential=micro_credential, learner_id__in=cohort)
        .annotate(
            enrolled_at=F("learner__enrollments__subscribed_at"),
            enrolled_in=F("learner__enrollments__micro_credential_id"),
        )
        .filter(enrolled_in=micro_credential.pk)
        .values_list("awarded_at", "enrolled_at")
    )
    return funnel(
        enrolled=totals["enrolled"],
        started=started,
        lessons=[(title, per_lesson.get(pk, 0)) for pk, title in lessons],
        completed=len(awarded),
        unsubscribed=totals["unsubscribed"],
        days_to_complete=[
            max(0.0, (done_at - start).total_seconds() / SECONDS_PER_DAY)
            for done_at, start in awarded
        ],
    )


def pathway_funnel(pathway: Pathway, period: Period) -> Funnel:
    """Learners enrolled in any part in the period, each part earned, the pathway earned."""
    parts = list(pathway.micro_credentials.order_by("title").values_list("pk", "title"))
    enrolments = Enrollment.objects.filter(
        micro_credential_id__in=[pk for pk, _ in parts], **period.instants("subscribed_at")
    )
    totals = enrolments.aggregate(
        enrolled=Count("learner_id", distinct=True),
        unsubscribed=Count("learner_id", distinct=True, filter=Q(is_active=False)),
    )
    cohort = enrolments.values("learner_id")
    earned = dict(
        Award.objects.filter(micro_credential_id__in=[pk for pk, _ in parts], learner_id__in=cohort)
        .values_list("micro_credential_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    any_part = (
        Award.objects.filter(micro_credential_id__in=[pk for pk, _ in parts], learner_id__in=cohort)
        .values("learner_id")
        .distinct()
        .count()
    )
    completed = Award.objects.filter(pathway=pathway, learner_id__in=cohort).count()
    return funnel(
        enrolled=totals["enrolled"],
        started=any_part,
        lessons=[(title, earned.get(pk, 0)) for pk, title in parts],
        completed=completed,
        unsubscribed=totals["unsubscribed"],
    )


def items_compute() -> dict[str, Any]:
    """Every question's item analysis (reads every graded answer: a rollup)."""
    answers = QuestionAnswer.objects.values_list(
        "learner_id", "question_id", "is_correct", "choice_ids"
    ).iterator(chunk_size=10_000)
    responses = (
        Response(learner, question, ok, tuple(int(c) for c in (choices or [])))
        for learner, question, ok, choices in answers
    )
    keys: dict[int, list[int]] = {}
    texts: dict[int, str] = {}
    for pk, question_id, is_correct, text in Choice.objects.values_list(
        "pk", "question_id", "is_correct", "text"
    ):
        texts[pk] = text
        if is_correct:
            keys.setdefault(question_id, []).append(pk)
    stats = item_analysis(responses, keys)
    drafted = set(
        DraftSegment.objects.filter(lesson__isnull=False).values_list("lesson_id", flat=True)
    )
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=[s.question_id for s in stats]).select_related(
            "lesson"
        )
    }
    rows = []
    for s in stats:
        question = questions.get(s.question_id)
        if question is None:
            continue
        row = asdict(s)
        row.update(
            prompt=question.prompt,
            lesson=question.lesson.title,
            lesson_id=question.lesson_id,
            is_drafted=question.lesson_id in drafted,
            distractor=texts.get(s.top_distractor_id or 0, ""),
            flag_labels=[FLAG_LABELS[f] for f in s.flags],
        )
        rows.append(row)
    # Broken-looking questions first, then the hardest.
    rows.sort(key=lambda r: (not r["flags"], not r["is_shown"], r["difficulty"] or 0))
    return {"items": rows}
