"""Staff pages: download a micro-credential as a SCORM 1.2, SCORM 2004 or cmi5 package."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from bitewise.accounts.access import staff_required
from bitewise.catalog.models import MicroCredential
from bitewise.engines.packages.formats import STANDARDS
from bitewise.integrations.services.packages import package_export

LABELS = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "cmi5": "cmi5"}


@staff_required
@require_GET
def packages(request: HttpRequest) -> HttpResponse:
    micro_credentials = MicroCredential.objects.order_by("title")
    return render(
        request,
        "integrations/staff_packages.html",
        {"micro_credentials": micro_credentials, "standards": LABELS.items()},
    )


@staff_required
@require_GET
def package_download(request: HttpRequest, slug: str, standard: str) -> HttpResponse:
    if standard not in STANDARDS:
        raise Http404("No such package format")
    micro_credential = get_object_or_404(MicroCredential, slug=slug)
    data = package_export(micro_credential=micro_credential, standard=standard)
    response = HttpResponse(data, content_type="application/zip")
    filename = f"{micro_credential.slug}-v{micro_credential.version}-{standard}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
