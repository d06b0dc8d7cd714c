"""QR codes for verification links, drawn as vector squares so they stay sharp in print."""

from __future__ import annotations

import io
from typing import Any

import segno


def qr_matrix(url: str) -> list[list[bool]]:
    """Dark (True) and light modules, row by row from the top, without the quiet zone."""
    if not url:
        raise ValueError("a QR code needs a non-empty URL")
    code = segno.make_qr(url, error="m")
    return [[bool(module) for module in row] for row in code.matrix]


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """A PNG of the code with its four-module quiet zone, for web pages and emails."""
    buffer = io.BytesIO()
    segno.make_qr(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(url: str, *, title: str, scale: int = 4) -> str:
    """An inline ``<svg>`` of the code (quiet zone included), named by ``title`` for screen
    readers; no XML declaration, so it can sit in an HTML page."""
    if not url:
        raise ValueError("a QR code needs a non-empty URL")
    svg: str = segno.make_qr(url, error="m").svg_inline(
        scale=scale, border=4, title=title, svgclass="qr", lineclass=None, omitsize=False
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def draw_qr(canvas: Any, url: str, *, x: float, y: float, size: float) -> None:
    """Fill the code into the square whose lower-left corner is (x, y), as one path.

    The caller keeps a light quiet zone of four modules (``size / len(qr_matrix(url)) * 4``)
    around it. Each run of dark modules in a row is one rectangle, so viewers show no seams.
    """
    matrix = qr_matrix(url)
    module = size / len(matrix)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            run_start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + run_start * module, top, (column - run_start) * module, module)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
