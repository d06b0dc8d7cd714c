"""Bitstring status lists: each issued credential owns one index in one list."""

from __future__ import annotations

import uuid

from django.db import models

from bitewise.credentials.models.issuers import Issuer

# https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-encoding: at least 16 KB
# (131,072 entries) so one index reveals little about which credential it is.
STATUS_LIST_LENGTH = 131_072
# Indexes are drawn at random (https://www.w3.org/TR/vc-bitstring-status-list/#privacy-considerations):
# a list takes entries up to half its length, so a random draw rarely hits a taken one.
STATUS_LIST_FILL = 2


class StatusList(models.Model):
    """The bits are derived from revoked credentials, so the list and the credentials can
    never disagree. Every change to them bumps ``version`` (``status_list_changed``); the
    list is signed once per version and kept in ``signed_document``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="status_lists")
    purpose = models.CharField(max_length=20, default="revocation")
    length = models.PositiveIntegerField(default=STATUS_LIST_LENGTH)
    # How many entries have been handed out (at random indexes).
    allocated = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveBigIntegerField(default=0, editable=False)
    signed_document = models.JSONField(null=True, blank=True, editable=False)
    signed_version = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.issuer} {self.purpose} {self.pk}"

    @property
    def capacity(self) -> int:
        return self.length // STATUS_LIST_FILL

    @property
    def is_full(self) -> bool:
        return self.allocated >= self.capacity
