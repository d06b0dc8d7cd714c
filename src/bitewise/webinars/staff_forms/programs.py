"""Forms of the CE credit program pages: a new code, and a program's details and rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from bitewise.engines.ce_credits import Rounding
from bitewise.webinars.models import CreditProgram
from bitewise.webinars.services.programs import DETAILS


class NewProgramForm(forms.Form):
    # A code in use is refused by credit_program_create, which says so.
    code = forms.SlugField(
        max_length=60, help_text="Lower-case letters, digits and hyphens, e.g. state-board-ce."
    )


class ProgramForm(forms.Form):
    """The program's certificate details and its rule, field by field (CreditRule.to_dict)."""

    provider_name = forms.CharField(max_length=200, required=False)
    sponsor_id = forms.CharField(label="Sponsor id", max_length=60, required=False)
    credit_type = forms.CharField(
        max_length=120, required=False, help_text="Field of study or credit type on certificates."
    )
    delivery_method = forms.CharField(max_length=80)
    approver_statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label="Offered for new webinars", required=False)
    body = forms.CharField(label="Accrediting body", max_length=120)
    unit = forms.CharField(label="Credit unit", max_length=80)
    # Decimal fields take any number: the rule says which values it refuses, and why.
    minutes_per_credit = forms.DecimalField(label="Minutes per credit")
    increment = forms.DecimalField(help_text="Credit is awarded in multiples of this.")
    rounding = forms.ChoiceField(choices=[(r.value, r.value) for r in Rounding])
    minimum_minutes = forms.DecimalField(label="Minimum minutes before any credit")
    fixed_credit = forms.DecimalField(
        required=False, help_text="Leave empty unless the format is worth a fixed credit."
    )
    min_session_minutes = forms.DecimalField(label="Shortest session (minutes)")
    session_under_minutes = forms.DecimalField(
        label="Sessions must be under (minutes)", required=False, help_text="Empty: no upper limit."
    )
    required_share = forms.DecimalField(
        label="Share of the session to attend (0 to 1)", help_text="1 = all of it."
    )
    attendance_checks_per_credit = forms.IntegerField(label="Attendance checks per credit")
    report_alone_is_evidence = forms.BooleanField(
        label="A join/leave report alone is evidence of attendance", required=False
    )
    requires_assessment = forms.BooleanField(label="Requires a passed assessment", required=False)
    assessment_pass_percent = forms.DecimalField(label="Assessment pass mark (%)")
    allows_series_bundling = forms.BooleanField(label="Minutes of a series add up", required=False)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Cite the body's document.",
    )

    META = DETAILS  # what credit_program_details_update takes; the rest is the rule

    def __init__(self, *args: Any, program: CreditProgram, **kwargs: Any) -> None:
        rule = program.credit_rule.to_dict()
        initial = {name: getattr(program, name) for name in self.META}
        initial.update({name: value for name, value in rule.items() if name in self.base_fields})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def rule(self) -> dict[str, Any]:
        """The rule dict ``credit_program_update`` takes: decimals as strings."""
        out: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in self.META:
                continue
            out[name] = str(value) if isinstance(value, Decimal) else value
        return out

    def details(self) -> dict[str, Any]:
        """The keyword arguments of ``credit_program_details_update``."""
        return {name: self.cleaned_data[name] for name in self.META}
