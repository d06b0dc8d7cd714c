"""Bases for every app's Django admin. The admin is one more entry point to the services:
a model it edits is saved by the app's service (which checks who may), a status changes only
through an admin action that calls the service, and a model with no service is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ServiceAdmin(admin.ModelAdmin):
    """Saves through services. Django's bulk delete is off (it deletes row by row without
    asking a service); a refusal the form could not foresee is shown, and nothing is saved."""

    def get_actions(
        self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST
    ) -> dict[str, Any]:
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Subclasses save many-to-many fields and inlines through their service, not
        through the form; the history entry then names no inline objects."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:  # the save ran in a transaction: all of it rolled back
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def run_each(self, request: HttpRequest, items: Any, action: Any, done: str) -> None:
        """Run ``action(item)`` (a service call) for each selected item; each refusal is
        reported with its reason, and the others still run."""
        count = 0
        for item in items:
            try:
                action(item)
            except (ValidationError, PermissionDenied) as exc:
                reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"{item}: {reason}", messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} {done}.", messages.SUCCESS)
