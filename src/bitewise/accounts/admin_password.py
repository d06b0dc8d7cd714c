"""The admin's "Change password" page (``/admin/password_change/``): Django's own view, with
the request handed to the form, whose current-password check counts a wrong guess against
the account and the client address like a failed log-in; refused with 429 while locked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse

from bitewise.accounts.forms import ServicePasswordChangeForm


class _PasswordChangeView(PasswordChangeView):
    form_class = ServicePasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.throttled.retry_after)
        return response


def _password_change(request: HttpRequest) -> HttpResponseBase:
    # What admin.site.password_change does, with the view above.
    request.current_app = admin.site.name
    view = _PasswordChangeView.as_view(
        success_url=reverse("admin:password_change_done", current_app=admin.site.name),
        extra_context=admin.site.each_context(request),
    )
    return view(request)


admin_password_change = admin.site.admin_view(_password_change, cacheable=True)
