"""The engines, their tests and their conftest load without Django, so ``make test-engines``
(plain pytest, the Django plugin off) runs them all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import bitewise

SRC = Path(bitewise.__file__).resolve().parents[1]

IMPORT_EVERY_ENGINE_MODULE = """
import pkgutil, sys
import bitewise.engines
names = [m.name for m in pkgutil.walk_packages(bitewise.engines.__path__, "bitewise.engines.")]
for name in names:
    __import__(name)
__import__("bitewise.engines.conftest")
django = sorted(name for name in sys.modules if name == "django" or name.startswith("django."))
print(len(names), django)
assert not django, django
"""


def test_every_engine_module_and_test_loads_without_django() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_ENGINE_MODULE],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules, _ = result.stdout.split(" ", 1)
    assert int(modules) > 100  # every engine and its tests, not an empty walk
