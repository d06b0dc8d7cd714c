"""The access rules, kept in the shared cache: every page that checks access (the lesson
player, the catalog, a micro-credential's page) reads them without a query once they are
cached.

One cache entry per kind of item holds all its rules (there is a rule only for an item
that is not left open by default, so the entry stays small), under a version that every
rule and tier write bumps (``membership.services.rules``, the only writer: the admin lists
rules read-only). A change is seen at once in every web process, as with the catalog's
version (``catalog.cache``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from bitewise.common.versions import version_bump, version_bump_pending, version_of
from bitewise.engines.access.rules import Mode, Rule
from bitewise.membership.models import AccessRule

VERSION_KEY = "membership:rules:version"
# An entry outlives no version, so the timeout only bounds how long an unused one stays.
ENTRY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class CachedRule:
    """One item's rule as plain values: its row id (grants name it) and the rule."""

    pk: int
    rule: Rule

    @property
    def is_closed(self) -> bool:
        return self.rule.mode != Mode.OPEN


def rule_value(rule: AccessRule | None) -> Rule | None:
    return None if rule is None else _value(rule)


def _value(rule: AccessRule) -> Rule:
    return Rule(
        mode=Mode(rule.mode),
        min_tier_rank=rule.min_tier.rank if rule.min_tier else None,
        min_tier_name=rule.min_tier.name if rule.min_tier else "",
        price=rule.price,
        member_price=rule.member_price,
        currency=rule.currency,
    )


def rules_version() -> str:
    return version_of(VERSION_KEY)


def rules_changed() -> None:
    """Bump now, and again after commit: rules read from the old rows between the two
    cannot outlive the transaction under the new version."""
    version_bump(VERSION_KEY)


def _written_here() -> bool:
    """Whether the transaction under way wrote rules (its commit will bump the version):
    what it reads must not reach the cache, where a rollback would leave it."""
    return version_bump_pending(VERSION_KEY)


def _read(kind: str) -> dict[Any, CachedRule]:
    rows = AccessRule.objects.filter(**{f"{kind}__isnull": False}).select_related("min_tier")
    return {getattr(row, f"{kind}_id"): CachedRule(pk=row.pk, rule=_value(row)) for row in rows}


def rules_of_kind(kind: str) -> dict[Any, CachedRule]:
    """Every rule of one kind of item (``TargetKind``), by the item's id: one query when
    the cache does not hold them under the current version (or this transaction changed
    them), none when it does."""
    if _written_here():
        return _read(kind)
    key = f"membership:rules:{rules_version()}:{kind}"
    found: dict[Any, CachedRule] | None = cache.get(key)
    if found is None:
        found = _read(kind)
        cache.set(key, found, timeout=ENTRY_SECONDS)
    return found
