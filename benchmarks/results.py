"""Write one benchmark's section of RESULTS.md, leaving the others alone."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, lines: list[str], results: Path = RESULTS) -> None:
    """Replace the text between ``<!-- name:begin -->`` and ``<!-- name:end -->`` (append
    the section the first time). The file is read just before writing."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = results.read_text() if results.exists() else "# Benchmark results\n"
    block = "\n".join([begin, *lines, end])
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    results.write_text(text)
