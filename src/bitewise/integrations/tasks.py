"""Thin task wrappers: ids in, call a service. Each is safe to run twice."""

from __future__ import annotations

from django.tasks import task


@task()
def statements_send_task(statement_ids: list[str]) -> dict[str, str]:
    from bitewise.integrations.services.xapi import statements_send

    return statements_send(statement_ids=statement_ids)


@task()
def lti_scores_send_task(score_ids: list[int]) -> dict[int, str]:
    from bitewise.integrations.services.lti_scores import lti_scores_send

    return lti_scores_send(score_ids=score_ids)
