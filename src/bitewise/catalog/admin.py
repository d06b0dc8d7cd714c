"""Django admin for bulk staff editing. Every save goes through the catalog services; a
status changes only through the publish and retire actions, which call the services (and
they refuse anyone but an admin); deleting is for drafts, through the services too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from bitewise.accounts.access import request_user
from bitewise.accounts.models import User
from bitewise.catalog import deleting, services
from bitewise.catalog.cache import catalog_changed
from bitewise.catalog.models import (
    Choice,
    Lesson,
    MicroCredential,
    MicroCredentialLesson,
    MicroCredentialVersion,
    Pathway,
    Question,
    Skill,
    Status,
)
from bitewise.catalog.permissions import can_publish
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin


def _rows(formset: Any) -> list[dict[str, Any]]:
    """The kept rows of an inline formset, in their position order (ties: as shown)."""
    kept = [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
    return sorted(kept, key=lambda row: row.get("position") or 0)


class CatalogAdmin(ServiceAdmin):
    """Deleting a skill, lesson or question also refreshes the public catalog."""

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        catalog_changed()


class LearnerRecordsAdmin(CatalogAdmin):
    """Skills, lessons and questions are deleted by the service, which refuses while
    learners' records would go with them; the confirmation page lists the reason as
    protected, so the delete is never offered."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [f"{obj}: {r}" for obj in objs if (r := deleting.deletion_refusal(obj))]
        return deleted, counts, perms_needed, [*protected, *refusals]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        by = request_user(request)
        if isinstance(obj, Question):
            deleting.question_delete(question=obj, by=by)
        elif isinstance(obj, Skill):
            deleting.skill_delete(skill=obj, by=by)
        else:
            deleting.lesson_delete(lesson=obj, by=by)


@admin.register(Skill)
class SkillAdmin(LearnerRecordsAdmin):
    list_display = ["name", "framework_code"]
    search_fields = ["name", "framework_code"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request: HttpRequest, obj: Skill, form: Any, change: bool) -> None:
        services.skill_save(skill=obj)


class LessonAdminForm(forms.ModelForm):
    def _post_clean(self) -> None:
        super()._post_clean()
        if not self.errors:
            try:  # the service's own checks (media, clip bounds, Markdown), as form errors
                services.lesson_prepare(self.instance)
            except ValidationError as exc:
                self._update_errors(exc)


class QuestionInline(admin.TabularInline):
    """Questions are edited with their choices, on the question's own page."""

    model = Question
    fields = ["prompt", "kind", "position"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Lesson)
class LessonAdmin(LearnerRecordsAdmin):
    form = LessonAdminForm
    list_display = ["title", "kind", "minutes", "updated_at"]
    list_filter = ["kind", "skills"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["skills"]
    inlines = [QuestionInline]

    def save_model(self, request: HttpRequest, obj: Lesson, form: Any, change: bool) -> None:
        services.lesson_save(lesson=obj, skill_ids=[s.pk for s in form.cleaned_data["skills"]])

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # skills: saved by lesson_save


class ChoiceFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if not any(form.errors for form in self.forms):
            services.question_choices_check(kind=self.instance.kind, choices=_rows(self))


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 2


@admin.register(Question)
class QuestionAdmin(LearnerRecordsAdmin):
    list_display = ["prompt", "kind", "lesson"]
    inlines = [ChoiceInline]

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        pass  # saved with its choices in save_related, in one service call

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        (choices,) = [f for f in formsets if f.model is Choice]
        services.question_save(question=form.instance, choices=_rows(choices))
        super().save_related(request, form, formsets, change)


class MembershipInline(admin.TabularInline):
    model = MicroCredentialLesson
    extra = 1
    autocomplete_fields = ["lesson"]
    ordering = ["position"]


class PublishingAdmin(ServiceAdmin):
    """Publish, retire and delete (drafts) as actions, each a service call per item."""

    actions = ["publish", "retire", "delete_drafts"]

    def publish_one(self, item: Any, *, by: User) -> None:
        raise NotImplementedError

    def retire_one(self, item: Any, *, by: User) -> None:
        raise NotImplementedError

    def delete_one(self, item: Any, *, by: User) -> None:
        raise NotImplementedError

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request_user(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # offered to those the service lets delete, and for drafts only
        is_draft = obj is None or obj.status == Status.DRAFT
        return is_draft and can_publish(request_user(request))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_one(obj, by=request_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for item in queryset:
            self.delete_one(item, by=request_user(request))

    @admin.action(description="Publish selected", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        by = request_user(request)
        self.run_each(request, queryset, lambda item: self.publish_one(item, by=by), "published")

    @admin.action(description="Retire selected", permissions=["publish"])
    def retire(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        by = request_user(request)
        self.run_each(request, queryset, lambda item: self.retire_one(item, by=by), "retired")

    @admin.action(description="Delete selected drafts", permissions=["publish"])
    def delete_drafts(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        by = request_user(request)
        self.run_each(request, queryset, lambda item: self.delete_one(item, by=by), "deleted")


@admin.register(MicroCredential)
class MicroCredentialAdmin(PublishingAdmin):
    list_display = ["title", "level", "status", "version", "estimated_minutes", "ce_credits"]
    list_filter = ["status", "level", "skills"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "estimated_minutes", "version"]
    filter_horizontal = ["skills"]
    inlines = [MembershipInline]

    def publish_one(self, item: MicroCredential, *, by: User) -> None:
        services.micro_credential_publish(micro_credential=item, by=by)

    def retire_one(self, item: MicroCredential, *, by: User) -> None:
        services.micro_credential_retire(micro_credential=item, by=by)

    def delete_one(self, item: MicroCredential, *, by: User) -> None:
        deleting.micro_credential_delete(micro_credential=item, by=by)

    def save_model(
        self, request: HttpRequest, obj: MicroCredential, form: Any, change: bool
    ) -> None:
        services.micro_credential_save(
            micro_credential=obj, skill_ids=[s.pk for s in form.cleaned_data["skills"]]
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        (memberships,) = [f for f in formsets if f.model is MicroCredentialLesson]
        services.micro_credential_set_lessons(
            micro_credential=form.instance,
            lesson_ids=[row["lesson"].pk for row in _rows(memberships)],
        )
        super().save_related(request, form, formsets, change)


@admin.register(MicroCredentialVersion)
class MicroCredentialVersionAdmin(ReadOnlyAdmin):
    list_display = ["micro_credential", "number", "created_at"]
    readonly_fields = ["micro_credential", "number", "snapshot", "created_at"]


class PathwayAdminForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        members = data.get("micro_credentials")
        if data.get("rule") and data.get("required_count") and members is not None:
            try:
                services.pathway_rule_check(
                    rule=data["rule"],
                    required_count=data["required_count"],
                    members=len(members),
                )
            except ValidationError as exc:
                self._update_errors(exc)
        return data


@admin.register(Pathway)
class PathwayAdmin(PublishingAdmin):
    form = PathwayAdminForm
    list_display = ["title", "rule", "required_count", "status"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "version"]
    filter_horizontal = ["micro_credentials"]

    def publish_one(self, item: Pathway, *, by: User) -> None:
        services.pathway_publish(pathway=item, by=by)

    def retire_one(self, item: Pathway, *, by: User) -> None:
        services.pathway_retire(pathway=item, by=by)

    def delete_one(self, item: Pathway, *, by: User) -> None:
        deleting.pathway_delete(pathway=item, by=by)

    def save_model(self, request: HttpRequest, obj: Pathway, form: Any, change: bool) -> None:
        services.pathway_save(
            pathway=obj,
            micro_credential_ids=[m.pk for m in form.cleaned_data["micro_credentials"]],
        )
