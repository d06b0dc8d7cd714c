"""Forms of the staff pages: a rule for an item, a plan, a seat pool, a roster upload."""

from __future__ import annotations

from typing import Any

from django import forms

from bitewise.catalog.models import MicroCredential
from bitewise.membership.models import AccessMode, MembershipTier, Plan

ITEM_KINDS = [
    ("micro-credential", "Micro-credential (slug)"),
    ("pathway", "Pathway (slug)"),
    ("webinar", "Webinar (id)"),
    ("event", "Event (number)"),
]


class RuleForm(forms.Form):
    kind = forms.ChoiceField(choices=ITEM_KINDS)
    key = forms.CharField(label="Slug or id", max_length=100)
    mode = forms.ChoiceField(choices=AccessMode.choices)
    min_tier = forms.ModelChoiceField(
        MembershipTier.objects.all(),
        required=False,
        label="Lowest tier (members only, member price)",
    )
    price = forms.DecimalField(required=False, min_value=0, max_digits=9, decimal_places=2)
    member_price = forms.DecimalField(
        required=False, min_value=0, max_digits=9, decimal_places=2, label="Member price"
    )
    currency = forms.CharField(max_length=3, initial="USD")


class PlanForm(forms.ModelForm):
    micro_credentials = forms.ModelMultipleChoiceField(
        MicroCredential.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Micro-credentials in the pool",
    )

    class Meta:
        model = Plan
        fields = ["name", "slug", "interval", "price", "currency", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["micro_credentials"].initial = list(
                self.instance.micro_credentials.values_list("pk", flat=True)
            )


class SeatPoolForm(forms.Form):
    name = forms.CharField(max_length=200, label="Employer or chapter")
    quantity = forms.IntegerField(min_value=1, max_value=100_000, label="Seats")
    plan = forms.ModelChoiceField(
        Plan.objects.all(), required=False, label="Plan (or an item below)"
    )
    kind = forms.ChoiceField(choices=[("", "—"), *ITEM_KINDS], required=False, label="Item kind")
    key = forms.CharField(max_length=100, required=False, label="Item slug or id")
    emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Email list (one address a line; they may take a seat without the code)",
    )


class TierForm(forms.Form):
    slug = forms.SlugField(max_length=64)
    name = forms.CharField(max_length=100)
    rank = forms.IntegerField(min_value=0, max_value=1000)


class RosterForm(forms.Form):
    file = forms.FileField(
        label="Roster CSV (columns member_id, email, tier, expires as YYYY-MM-DD)"
    )
