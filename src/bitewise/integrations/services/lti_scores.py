"""Scores back to the LTI platforms that launched a learner into Bitewise (Assignment and
Grade Services 2.0 score publish: https://www.imsglobal.org/spec/lti-ags/v2p0#score-publish-service),
through an outbox like the xAPI statements: recorded with what they score, sent after
commit, retried with backoff."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential
from bitewise.integrations.models import LtiGradeLink, LtiScore, OutboxState
from bitewise.integrations.services.lti_tool import registration_for
from bitewise.integrations.services.outbox import (
    Outcome,
    http_outcome,
    outbox_claim,
    outbox_send_due,
    outbox_settle,
)

logger = logging.getLogger(__name__)
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


def lti_scores_plan(
    *,
    learner: User,
    key: str,
    score_given: int,
    score_maximum: int,
    timestamp: datetime,
    micro_credential: MicroCredential | None = None,
    lesson: Lesson | None = None,
) -> int:
    """A score for every line item a platform gave when it launched this learner into
    this micro-credential (or lesson); queued after commit. One query when none did."""
    links = LtiGradeLink.objects.filter(learner=learner, platform__is_active=True)
    links = links.filter(micro_credential=micro_credential) if micro_credential else links
    links = links.filter(lesson=lesson) if lesson else links
    rows = [
        LtiScore(
            grade_link=link,
            key=key,
            score_given=Decimal(score_given),
            score_maximum=Decimal(score_maximum),
            activity_progress="Completed",
            grading_progress="FullyGraded",
            timestamp=timestamp,
            queued_at=timezone.now(),
        )
        for link in links
        if SCORE_SCOPE in link.scopes
    ]
    if not rows:
        return 0
    LtiScore.objects.bulk_create(rows, ignore_conflicts=True)
    ids = list(
        LtiScore.objects.filter(
            grade_link__in=[r.grade_link for r in rows], key=key, state=OutboxState.PENDING
        ).values_list("pk", flat=True)
    )
    from bitewise.integrations.tasks import lti_scores_send_task

    transaction.on_commit(partial(lti_scores_send_task.enqueue, ids))
    return len(ids)


def lti_scores_send_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point, as for learning records."""
    from bitewise.integrations.tasks import lti_scores_send_task

    return outbox_send_due(
        LtiScore.objects, key="pk", enqueue=lti_scores_send_task.enqueue, now=now or timezone.now()
    )


def lti_scores_send(*, score_ids: Sequence[int]) -> dict[int, str]:
    return {score_id: _send_one(score_id) for score_id in score_ids}


def _send_one(score_id: int) -> str:
    if not outbox_claim(LtiScore.objects.filter(pk=score_id), now=timezone.now()):
        return "taken"
    score = LtiScore.objects.select_related("grade_link__platform").get(pk=score_id)
    outcome, error = _post(score)
    outbox_settle(
        score,
        outcome,
        error,
        max_attempts=settings.BITEWISE_XAPI_MAX_ATTEMPTS,
        now=timezone.now(),
    )
    if outcome is not Outcome.SENT:
        logger.warning("lti score not sent", extra={"score_id": score.pk, "error": error[:300]})
    return outcome.value


def _post(score: LtiScore) -> tuple[Outcome, str]:
    link = score.grade_link
    grade = (
        Grade()
        .set_score_given(float(score.score_given))
        .set_score_maximum(float(score.score_maximum))
        .set_activity_progress(score.activity_progress)
        .set_grading_progress(score.grading_progress)
        .set_timestamp(score.timestamp.isoformat())
        .set_user_id(link.subject)
    )
    connector = ServiceConnector(registration_for(link.platform))
    ags = AssignmentsGradesService(connector, {"scope": link.scopes, "lineitem": link.lineitem_url})
    try:
        ags.put_grade(grade)
    except LtiServiceException as exc:
        response = exc.args[0] if exc.args else None
        status = getattr(response, "status_code", 0)
        text = getattr(response, "text", "")[:300]
        return http_outcome(status), f"The platform answered {status}: {text}"
    except (LtiException, OSError, ValueError, KeyError) as exc:
        # requests' errors are OSErrors; a token answer without a token is a KeyError.
        return Outcome.RETRY, f"The platform could not be reached: {type(exc).__name__}."
    return Outcome.SENT, ""
