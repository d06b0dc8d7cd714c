"""Suite-wide test set-up: a throwaway data directory for media and the SQLite file."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("BITEWISE_DATA_DIR", tempfile.mkdtemp(prefix="bitewise-test-"))
