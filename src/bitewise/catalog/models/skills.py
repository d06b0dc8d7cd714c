from __future__ import annotations

from django.db import models


class Skill(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    # Optional link into an external framework, e.g. an ESCO or O*NET code.
    framework_code = models.CharField(max_length=80, blank=True)
    framework_url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
