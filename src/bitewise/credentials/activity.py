"""Looks at credentials (a public page viewed, a download, a LinkedIn click, a verification),
told to whoever counts them: the functions ``settings.BITEWISE_CREDENTIAL_ACTIVITY`` names
(insight's counters), each called as ``(*, kind)``. Credentials thus imports no app above it."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

PAGE_VIEW = "view"
DOWNLOAD = "download"
LINKEDIN = "linkedin"
VERIFICATION = "verify"


def credential_activity(kind: str) -> None:
    for path in settings.BITEWISE_CREDENTIAL_ACTIVITY:
        import_string(path)(kind=kind)
