from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models

from bitewise.catalog.models.credentials import MicroCredential, Status
from bitewise.engines.progress.rules import PathwayRule


class Pathway(models.Model):
    """A broader credential earned by holding micro-credentials: all, or N of a list."""

    class Rule(models.TextChoices):
        ALL = PathwayRule.ALL.value, "All of them"
        N_OF = PathwayRule.N_OF.value, "N of the list"

    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    rule = models.CharField(max_length=8, choices=Rule.choices, default=Rule.ALL)
    required_count = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    micro_credentials = models.ManyToManyField(MicroCredential, related_name="pathways")
    validity_months = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
