"""The badge artwork: an SVG drawn from the achievement's title and a PNG of the same
design (Pillow), ready to be baked with the credential."""

from __future__ import annotations

import io
import textwrap
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw, ImageFont

SIZE = 400
COLORS = {
    "micro_credential": ("#0b5cad", "#e8eef6"),
    "pathway": ("#1d6b35", "#dff3e4"),
    "ce_credit": ("#7a3e00", "#fbeedd"),
}
LABELS = {"micro_credential": "MICRO-CREDENTIAL", "pathway": "PATHWAY", "ce_credit": "CE CREDIT"}


def _lines(title: str) -> list[str]:
    return textwrap.wrap(title, width=16)[:4] or [""]


def badge_svg(*, title: str, issuer: str, kind: str) -> str:
    ink, paper = COLORS.get(kind, COLORS["micro_credential"])
    lines = _lines(title)
    top = 200 - 14 * (len(lines) - 1)
    text = "".join(
        f'<text x="200" y="{top + 30 * i}" font-size="26" font-weight="700" '
        f'text-anchor="middle" fill="{ink}">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    label = LABELS.get(kind, LABELS["micro_credential"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 {SIZE} {SIZE}" role="img" aria-label={quoteattr(title)}>'
        f'<circle cx="200" cy="200" r="190" fill="{paper}" stroke="{ink}" stroke-width="14"/>'
        f'<text x="200" y="96" font-size="16" letter-spacing="3" text-anchor="middle" '
        f'fill="{ink}">{label}</text>{text}'
        f'<text x="200" y="320" font-size="16" text-anchor="middle" fill="{ink}">'
        f"{escape(issuer[:40])}</text></svg>"
    )


def badge_png(*, title: str, issuer: str, kind: str) -> bytes:
    ink, paper = COLORS.get(kind, COLORS["micro_credential"])
    image = Image.new("RGB", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, SIZE - 10, SIZE - 10), fill=paper, outline=ink, width=14)
    small, big = ImageFont.load_default(size=16), ImageFont.load_default(size=26)
    label = LABELS.get(kind, LABELS["micro_credential"])
    draw.text((200, 90), label, font=small, fill=ink, anchor="mm")
    lines = _lines(title)
    top = 200 - 14 * (len(lines) - 1)
    for i, line in enumerate(lines):
        draw.text((200, top + 30 * i), line, font=big, fill=ink, anchor="mm")
    draw.text((200, 315), issuer[:40], font=small, fill=ink, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
