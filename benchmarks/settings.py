"""Production settings plus a URLconf that adds the trivial baseline view."""

from __future__ import annotations

from bitewise.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
