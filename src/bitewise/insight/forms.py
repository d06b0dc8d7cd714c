from __future__ import annotations

from typing import Any

from django import forms

from bitewise.insight.selectors.periods import Period, period_problem


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problem = period_problem(data.get("start"), data.get("end"))
        if problem:
            raise forms.ValidationError(problem)
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data.get("start"), self.cleaned_data.get("end"))
