"""Thin task wrappers: ids in, call a service. Each is safe to run twice."""

from __future__ import annotations

from django.tasks import task

from bitewise.reinforcement.services.sending import delivery_send


@task()
def deliveries_send_task(delivery_ids: list[int]) -> dict[str, int]:
    outcomes: dict[str, int] = {}
    for delivery_id in delivery_ids:
        outcome = delivery_send(delivery_id=delivery_id)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


@task()
def topic_digest_send_task(digest_id: int) -> str:
    from bitewise.reinforcement.services.digests import topic_digest_send

    return topic_digest_send(digest_id=digest_id)
