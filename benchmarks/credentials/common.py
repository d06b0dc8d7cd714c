"""Where things are and what the credentials benchmark aims at."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
ENTRY = ROOT / "benchmarks" / "credentials_bench.py"  # also runs each Python round
JS_BENCH = ROOT / "benchmarks" / "js" / "credentials_bench.mjs"
INTEROP = ROOT / "tests" / "interop"
BEGIN = "<!-- credentials:begin -->"
END = "<!-- credentials:end -->"
DB_NAME = "bitewise_credbench"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
SITE_URL = "https://learn.example.org"
CONTROLLER = "did:web:learn.example.org"
BULK_TARGET_S = 60.0
BULK_TARGET_AWARDS = 10_000
PY_PACKAGES = ("PyLD", "cryptography", "Django", "psycopg", "cachetools")
JS_PACKAGES = (
    "@digitalbazaar/vc",
    "@digitalbazaar/data-integrity",
    "@digitalbazaar/eddsa-rdfc-2022-cryptosuite",
    "@digitalbazaar/ed25519-multikey",
    "jsonld-signatures",
    "jsonld",
    "rdf-canonize",
)
