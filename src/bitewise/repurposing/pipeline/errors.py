"""The one error of repurposing: input or a request staff (or the command's user) can fix.
Its message is shown to them as is."""

from __future__ import annotations


class RepurposeError(Exception):
    """Input we cannot repurpose, or a change to a job we cannot make; the message says why."""
