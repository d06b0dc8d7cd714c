"""CE credit programs: the shipped rules, and staff edits that raise the rule version."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bitewise.engines.ce_credits import SHIPPED_RULES, rule_from_dict
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import CreditProgram


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
