"""Thin task wrappers: ids in, load, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.insight.services.digests import check_digest_send


@task()
def check_digest_task(learner_id: int) -> bool:
    return check_digest_send(learner_id=learner_id)
