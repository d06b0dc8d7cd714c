"""Django admin for bulk staff editing; writes go through the catalog services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from bitewise.catalog import services
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
)


class CatalogAdmin(admin.ModelAdmin):
    """Admin edits bypass nothing: every save or delete also refreshes the public catalog."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        catalog_changed()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        catalog_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        super().delete_queryset(request, queryset)
        catalog_changed()


@admin.register(Skill)
class SkillAdmin(CatalogAdmin):
    list_display = ["name", "framework_code"]
    search_fields = ["name", "framework_code"]
    prepopulated_fields = {"slug": ["name"]}


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Lesson)
class LessonAdmin(CatalogAdmin):
    list_display = ["title", "kind", "minutes", "updated_at"]
    list_filter = ["kind", "skills"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["skills"]
    inlines = [QuestionInline]

    def save_model(self, request: HttpRequest, obj: Lesson, form: Any, change: bool) -> None:
        services.lesson_prepare(obj)  # renders and sanitizes the Markdown
        super().save_model(request, obj, form, change)


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 2


@admin.register(Question)
class QuestionAdmin(CatalogAdmin):
    list_display = ["prompt", "kind", "lesson"]
    inlines = [ChoiceInline]


class MembershipInline(admin.TabularInline):
    model = MicroCredentialLesson
    extra = 1
    autocomplete_fields = ["lesson"]
    ordering = ["position"]


@admin.register(MicroCredential)
class MicroCredentialAdmin(CatalogAdmin):
    list_display = ["title", "level", "status", "version", "estimated_minutes", "ce_credits"]
    list_filter = ["status", "level", "skills"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["estimated_minutes", "version", "published_at"]
    filter_horizontal = ["skills"]
    inlines = [MembershipInline]
    actions = ["publish", "retire"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        mc = form.instance
        services.micro_credential_refresh_minutes(micro_credential=mc)
        if change:
            services.micro_credential_bump_version(micro_credential=mc)

    @admin.action(description="Publish selected micro-credentials")
    def publish(self, request: HttpRequest, queryset: QuerySet[MicroCredential]) -> None:
        for mc in queryset:
            try:
                services.micro_credential_publish(micro_credential=mc)
            except ValidationError as exc:
                self.message_user(request, f"{mc}: {' '.join(exc.messages)}", messages.ERROR)

    @admin.action(description="Retire selected micro-credentials")
    def retire(self, request: HttpRequest, queryset: QuerySet[MicroCredential]) -> None:
        for mc in queryset:
            services.micro_credential_retire(micro_credential=mc)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_staff_admin", False))

    def has_retire_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_staff_admin", False))


MicroCredentialAdmin.publish.allowed_permissions = ("publish",)  # type: ignore[attr-defined]
MicroCredentialAdmin.retire.allowed_permissions = ("retire",)  # type: ignore[attr-defined]


@admin.register(MicroCredentialVersion)
class MicroCredentialVersionAdmin(admin.ModelAdmin):
    list_display = ["micro_credential", "number", "created_at"]
    readonly_fields = ["micro_credential", "number", "snapshot", "created_at"]


@admin.register(Pathway)
class PathwayAdmin(CatalogAdmin):
    list_display = ["title", "rule", "required_count", "status"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["micro_credentials"]
