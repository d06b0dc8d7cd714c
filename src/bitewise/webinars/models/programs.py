"""CE credit programs (an accrediting body's rule, stored as data) and series."""

from __future__ import annotations

from django.db import models

from bitewise.engines.ce_credits import CreditRule, rule_from_dict


class CreditProgram(models.Model):
    """One accrediting body's rule as staff configured it. Editing the rule raises
    ``version``; every credit award keeps the rule it was computed with."""

    code = models.SlugField(max_length=60, unique=True)
    rule = models.JSONField(help_text="CreditRule.to_dict(); see engines/ce_credits")
    version = models.PositiveIntegerField(default=1)
    provider_name = models.CharField(max_length=200, blank=True)
    sponsor_id = models.CharField(max_length=60, blank=True)
    credit_type = models.CharField(
        max_length=120, blank=True, help_text="Field of study or credit type shown on certificates"
    )
    delivery_method = models.CharField(max_length=80, default="Group Internet Based")
    approver_statement = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.credit_rule.name

    @property
    def credit_rule(self) -> CreditRule:
        return rule_from_dict({**self.rule, "version": self.version})


class Series(models.Model):
    """Several micro-webinars whose minutes add up where the program allows it."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    credit_program = models.ForeignKey(
        CreditProgram, null=True, blank=True, on_delete=models.PROTECT, related_name="series"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title
