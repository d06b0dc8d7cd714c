"""The one Chromium every browser test in the suite shares: Debian's Chromium driven by
Playwright. Playwright's sync API keeps an event loop running in the test thread for as
long as it is open, so a second ``sync_playwright()`` in the same run fails: every folder
that needs a browser uses the session fixtures of ``tests/conftest.py``, never its own."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("BITEWISE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
