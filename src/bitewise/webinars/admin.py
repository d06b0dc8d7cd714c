"""Django admin for micro-webinars. Programs and series are edited here, through the
services (a program's rule through credit_program_update, so its version rises). Webinars,
registrations, attendance and credit change on the staff pages, through the services
(invites, waiting list, audit), so they are read-only here."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin
from bitewise.engines.ce_credits import rule_from_dict
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import (
    AttendanceImport,
    CreditAward,
    CreditProgram,
    Registration,
    Series,
    UnmatchedAttendee,
    Webinar,
)
from bitewise.webinars.services.programs import (
    DETAILS,
    credit_program_create,
    credit_program_details_update,
    credit_program_update,
    series_save,
)


class CreditProgramForm(forms.ModelForm):
    class Meta:
        model = CreditProgram
        exclude = ["version"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The code is read-only once saved, so it is not in the data then.
        rule, code = data.get("rule"), data.get("code") or self.instance.code
        if not isinstance(rule, dict):
            self.add_error("rule", "The rule is a JSON object (see CreditRule.to_dict()).")
        elif code:
            version = self.instance.version if self.instance.pk else 1
            try:
                checked = rule_from_dict({**rule, "code": code, "version": version})
            except ValueError as exc:
                self.add_error("rule", f"The rule is not valid: {exc}")
            else:
                data["rule"] = checked.to_dict()
        return data


@admin.register(CreditProgram)
class CreditProgramAdmin(ServiceAdmin):
    form = CreditProgramForm
    list_display = ["code", "name", "version", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["code", "provider_name", "credit_type"]
    readonly_fields = ["version", "updated_at"]

    @admin.display(description="Rule")
    def name(self, obj: CreditProgram) -> str:
        return str(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Awards name the program by code: it never changes once saved.
        return [*self.readonly_fields, "code"] if obj else list(self.readonly_fields)

    def save_model(
        self, request: HttpRequest, obj: CreditProgram, form: forms.ModelForm, change: bool
    ) -> None:
        data = form.cleaned_data
        try:
            # The services compare with what is stored, so they get the stored program.
            program = (
                CreditProgram.objects.get(pk=obj.pk)
                if change
                else credit_program_create(code=obj.code)
            )
            program = credit_program_update(program=program, rule=data["rule"])
            program = credit_program_details_update(
                program=program, **{name: data[name] for name in DETAILS if name in data}
            )
        except WebinarError as exc:
            raise ValidationError(str(exc)) from exc
        obj.pk, obj.version, obj.rule = program.pk, program.version, program.rule

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # webinars and awards point at it


@admin.register(Series)
class SeriesAdmin(ServiceAdmin):
    list_display = ["title", "credit_program", "created_at"]
    list_filter = ["credit_program"]
    search_fields = ["title"]

    def save_model(self, request: HttpRequest, obj: Series, form: Any, change: bool) -> None:
        series_save(series=obj)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # webinars and their credit point at it


@admin.register(Webinar)
class WebinarAdmin(ReadOnlyAdmin):
    list_display = [
        "title",
        "starts_at",
        "time_zone",
        "duration_minutes",
        "status",
        "capacity",
        "credit_program",
        "manage",
    ]
    list_filter = ["status", "credit_program", "series", "starts_at"]
    search_fields = ["title", "presenter"]
    list_select_related = ["credit_program"]
    date_hierarchy = "starts_at"

    @admin.display(description="Staff page")
    def manage(self, obj: Webinar) -> str:
        url = reverse("webinars_staff:detail", kwargs={"webinar_id": obj.pk})
        return format_html('<a href="{}">Edit, publish, attendance</a>', url)


@admin.register(Registration)
class RegistrationAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["webinar", "learner", "status", "created_at", "seated_at"]
    list_filter = ["status"]
    search_fields = ["learner__email", "webinar__title"]
    list_select_related = ["webinar", "learner"]


@admin.register(AttendanceImport)
class AttendanceImportAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["filename", "webinar", "platform", "data_rows", "matched", "unmatched"]
    list_filter = ["platform"]
    search_fields = ["filename", "webinar__title"]
    list_select_related = ["webinar"]


@admin.register(UnmatchedAttendee)
class UnmatchedAttendeeAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["email", "name", "webinar", "minutes", "status", "resolved_to"]
    list_filter = ["status"]
    search_fields = ["email", "name", "webinar__title"]
    list_select_related = ["webinar", "resolved_to"]


@admin.register(CreditAward)
class CreditAwardAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["title", "learner", "mode", "credit", "unit", "activity_date", "revoked_at"]
    list_filter = ["mode", "program_code", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["learner__email", "title", "id"]
    list_select_related = ["learner"]
    exclude = ["evidence"]
    readonly_fields = ["evidence_shown"]

    @admin.display(description="Evidence (audit record)")
    def evidence_shown(self, obj: CreditAward) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.evidence, indent=2, ensure_ascii=False))
