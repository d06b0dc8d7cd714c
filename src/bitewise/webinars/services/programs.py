"""CE credit programs: the shipped rules, and staff edits that raise the rule version."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bitewise.engines.ce_credits import SHIPPED_RULES, rule_from_dict
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import CreditProgram, Series


def credit_programs_install() -> int:
    """Create a program for every shipped rule that has none yet; returns how many."""
    made = 0
    for code, rule in SHIPPED_RULES.items():
        _, created = CreditProgram.objects.get_or_create(
            code=code, defaults={"rule": rule.to_dict(), "version": rule.version}
        )
        made += created
    return made


@transaction.atomic
def credit_program_update(*, program: CreditProgram, rule: dict[str, Any]) -> CreditProgram:
    """Store an edited rule (validated); the version rises when the rule changes, so
    credit awarded earlier keeps saying which rule it was computed with."""
    try:
        edited = rule_from_dict({**rule, "code": program.code, "version": program.version})
    except ValueError as exc:
        raise WebinarError(f"The rule is not valid: {exc}") from exc
    if edited != program.credit_rule:
        program.version += 1
        program.rule = {**edited.to_dict(), "version": program.version}
        program.save(update_fields=["rule", "version", "updated_at"])
    return program


DETAILS = (
    "provider_name",
    "sponsor_id",
    "credit_type",
    "delivery_method",
    "approver_statement",
    "is_active",
)


@transaction.atomic
def credit_program_details_update(*, program: CreditProgram, **details: Any) -> CreditProgram:
    """What certificates say about the program (provider, sponsor id, field of study,
    delivery method, approver statement) and whether new webinars may choose it. These do
    not change the arithmetic, so the rule version stays."""
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise TypeError(f"not program details: {sorted(unknown)}")
    for name, value in details.items():
        setattr(program, name, value)
    program.save(update_fields=[*details, "updated_at"])
    return program


@transaction.atomic
def credit_program_create(*, code: str, copy_of: str = "custom") -> CreditProgram:
    """A new program starting from another one's rule (the ``custom`` template by default),
    inactive until staff finish it."""
    code = code.strip().lower()
    if not code or CreditProgram.objects.filter(code=code).exists():
        raise WebinarError(f"A program with the code “{code}” exists already.")
    source = CreditProgram.objects.filter(code=copy_of).first()
    if source is None:
        raise WebinarError(f"There is no program “{copy_of}” to start from.")
    rule = {**source.rule, "code": code, "version": 1}
    try:
        rule_from_dict(rule)
    except ValueError as exc:
        raise WebinarError(f"The code is not valid: {exc}") from exc
    return CreditProgram.objects.create(code=code, rule=rule, version=1, is_active=False)


@transaction.atomic
def series_save(*, series: Series) -> Series:
    """A series of webinars and the program that may bundle their credit."""
    series.full_clean()
    series.save()
    return series
