"""Times as clocks, and why a segment starts where it does, in words."""

from __future__ import annotations

from typing import Any

from django import template

from bitewise.engines.text.clock import clock as clock_text

register = template.Library()


@register.filter
def clock(seconds: float | None) -> str:
    """83.4 → "1:23"; 3723 → "1:02:03"."""
    return "" if seconds is None else clock_text(float(seconds))


@register.filter
def midpoint_clock(start: float, end: float) -> str:
    return clock((float(start) + float(end)) / 2)


@register.filter
def boundary_reason(boundary: dict[str, Any]) -> str:
    """The stored boundary explanation as a sentence staff can read."""
    if boundary.get("by_staff"):
        return "a staff member moved it here."
    parts = [f"the subject changes (text similarity {float(boundary.get('similarity', 0)):.2f}"]
    parts[0] += f", a dip of {float(boundary.get('depth', 0)):.2f} below its neighbours)"
    if boundary.get("is_pause"):
        parts.append(f"a {float(boundary.get('pause', 0)):.1f} s pause")
    if boundary.get("is_speaker_change"):
        parts.append("a new speaker")
    return "; ".join(parts) + f". Score {float(boundary.get('score', 0)):.2f}."
