"""Thin task wrappers: ids in, load, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.reviews.services.digests import review_digest_send


@task()
def review_digest_task(learner_id: int) -> bool:
    return review_digest_send(learner_id=learner_id)
