"""Write or check the committed OpenAPI document (docs/openapi.json).

`make openapi` regenerates it; `make lint` fails when the API changed without it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def render() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.test")
    import django

    django.setup()
    from bitewise.api import api

    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    current = render()
    if "--write" in argv:
        TARGET.write_text(current, encoding="utf-8")
        print(f"wrote {TARGET}")
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != current:
        print("docs/openapi.json is out of date: run `make openapi`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
