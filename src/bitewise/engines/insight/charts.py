"""Server-rendered SVG charts: horizontal bars and lines with an optional interval band.

Presentation attributes only (no style attributes or scripts), so the strict
Content-Security-Policy holds; every chart has a <title> and <desc> and the page shows the
same figures in a table beside it. Text is escaped here; callers mark the result safe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

INK = "#1f2933"
GRID = "#cbd2d9"
PALETTE = ("#0b5cad", "#b44d12", "#2f7d32", "#6b3fa0")  # >= 4.5:1 on white
BAND = "#0b5cad"
WIDTH = 640
# The width a glyph takes at most on average, as a share of the font size: the charts can
# not measure text, so they lay it out (truncate labels, wrap the legend) by this estimate.
GLYPH_EM = 0.62


def text_width(text: str, size: int) -> float:
    return len(text) * size * GLYPH_EM


def _fit(text: str, width: float, size: int) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * GLYPH_EM)) - 1)
    return text[:keep] + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure written at the end of the bar


@dataclass(frozen=True)
class Point:
    x: float
    y: float | None  # None: no figure (hidden group); the line breaks there
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[Point]
    dashed: bool = False


def _open(height: int, title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%"'
        f' role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def bar_chart(bars: Sequence[Bar], *, title: str, desc: str, chart_id: str) -> str:
    label_width, row, pad = 250, 28, 8
    height = max(1, len(bars)) * row + 2 * pad
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - label_width - 90
    out = _open(height, title, desc, chart_id)
    for index, bar in enumerate(bars):
        y = pad + index * row
        width = max(0.0, bar.value) / top * span
        label = _fit(bar.label, label_width - 10, 13)
        out.append(
            f'<text x="{label_width - 6}" y="{y + 18}" text-anchor="end" font-size="13"'
            f' fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="{row - 8}"'
            f' fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 18}" font-size="13"'
            f' fill="{INK}">{escape(bar.text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _legend_places(names: Sequence[str], *, left: int, top: int) -> list[tuple[int, int]]:
    """Where each legend entry (a 24 px line, then its name) starts, x and text baseline:
    side by side while they fit the width, then on the next row."""
    places: list[tuple[int, int]] = []
    x, y = left, top
    for name in names:
        width = 30 + round(text_width(name, 12))
        if x > left and x + width > WIDTH - 8:
            x, y = left, y + 22
        places.append((x, y))
        x += width + 24
    return places


def line_chart(
    series: Sequence[Series],
    *,
    x_labels: Sequence[tuple[float, str]],
    title: str,
    desc: str,
    chart_id: str,
    y_max: float = 1.0,
    y_label: str = "recall",
) -> str:
    """Lines over numeric x (placed by value), y from 0 to ``y_max`` shown as percent. The
    legend sits under the x labels, its entries wrapped onto as many rows as they need."""
    left, right, top, plot_h = 52, 40, 16, 228
    plot_w, axis_y = WIDTH - left - right, top + plot_h
    legend = _legend_places([line.name for line in series], left=left + 10, top=axis_y + 46)
    height = (legend[-1][1] if legend else axis_y + 26) + 30  # then the y label
    xs = [x for x, _ in x_labels] or [0.0, 1.0]
    x_min, x_max = min(xs), max(xs)
    x_span = (x_max - x_min) or 1.0

    def px(x: float) -> float:
        return left + (x - x_min) / x_span * plot_w

    def py(y: float) -> float:
        return top + plot_h - min(max(y, 0.0), y_max) / y_max * plot_h

    out = _open(height, title, desc, chart_id)
    for tick in range(0, 5):
        value = y_max * tick / 4
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{py(value):.1f}" y2="{py(value):.1f}"'
            f' stroke="{GRID}"/><text x="{left - 6}" y="{py(value) + 4:.1f}" text-anchor="end"'
            f' font-size="12" fill="{INK}">{value * 100:.0f}%</text>'
        )
    for x, label in x_labels:
        out.append(
            f'<text x="{px(x):.1f}" y="{axis_y + 22}" text-anchor="middle" font-size="12"'
            f' fill="{INK}">{escape(label)}</text>'
        )
    out.append(
        f'<text x="{left}" y="{height - 8}" font-size="12" fill="{INK}">{escape(y_label)}</text>'
    )
    for index, line in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        band = [p for p in line.points if p.low is not None and p.high is not None]
        if len(band) > 1:
            upper = " ".join(f"{px(p.x):.1f},{py(p.high or 0):.1f}" for p in band)
            lower = " ".join(f"{px(p.x):.1f},{py(p.low or 0):.1f}" for p in reversed(band))
            out.append(f'<polygon points="{upper} {lower}" fill="{BAND}" fill-opacity="0.12"/>')
        segment: list[str] = []
        segments = [segment]
        for p in line.points:
            if p.y is None:
                segment = []
                segments.append(segment)
                continue
            segment.append(f"{px(p.x):.1f},{py(p.y):.1f}")
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        for part in segments:
            if len(part) > 1:
                out.append(
                    f'<polyline points="{" ".join(part)}" fill="none" stroke="{colour}"'
                    f' stroke-width="2.5"{dash}/>'
                )
        for p in line.points:
            if p.y is not None:
                out.append(f'<circle cx="{px(p.x):.1f}" cy="{py(p.y):.1f}" r="4" fill="{colour}"/>')
        legend_x, legend_y = legend[index]
        out.append(
            f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}"'
            f' stroke="{colour}" stroke-width="2.5"{dash}/><text x="{legend_x + 30}"'
            f' y="{legend_y}" font-size="12" fill="{INK}">{escape(line.name)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
