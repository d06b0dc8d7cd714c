"""Django admin pages that show learners' personal data record each view in the audit log.
Every ModelAdmin of a model that belongs to a learner derives from PersonalDataAdmin
(a test walks the admin registry to keep it so)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from bitewise.accounts.audit import personal_data_read


class PersonalDataAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def _audit(self, request: HttpRequest, response: HttpResponse, record: str = "") -> None:
        if response.status_code == 200:
            query = {k: v[:200] for k, v in request.GET.items()}
            personal_data_read(
                request,
                target=f"admin:{self.opts.label_lower}",
                record=record,
                detail={"query": query} if query else None,
            )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        self._audit(request, response)
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        self._audit(request, response, record=object_id)
        return response
