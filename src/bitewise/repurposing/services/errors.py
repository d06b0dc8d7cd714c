"""The one error repurposing services raise for input staff can fix; shown to them as is."""

from __future__ import annotations


class RepurposeJobError(Exception):
    pass
