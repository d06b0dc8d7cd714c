"""Thin task wrappers: ids in, call a service. Each is safe to run twice."""

from __future__ import annotations

from django.tasks import task


@task()
def receipt_email_send_task(receipt_id: int) -> str:
    from bitewise.membership.services.receipts import receipt_email_send

    return receipt_email_send(receipt_id=receipt_id)
