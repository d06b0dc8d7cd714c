"""The environment of a benchmark's child process: its own data directory and a fresh
database (a temporary SQLite file, or a re-created PostgreSQL database)."""

from __future__ import annotations

import os
import tempfile

ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def child_env(*, bench: str, kind: str, pg_db: str, tasks: str = "immediate") -> dict[str, str]:
    """``kind`` is "sqlite" or "postgres"; ``pg_db`` is dropped and created again, so it
    must be a benchmark's own database (its name has to contain "bench")."""
    data_dir = tempfile.mkdtemp(prefix=f"bitewise-{bench}-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "BITEWISE_DATA_DIR": data_dir,
        "BITEWISE_SECRET_KEY": f"{bench}-only-secret-key-0123456789-not-for-production",
        "BITEWISE_TASKS_BACKEND": tasks,
        "BITEWISE_EMAIL_BACKEND": "memory",
        "BITEWISE_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
    }
    if kind == "postgres":
        if "bench" not in pg_db:
            raise SystemExit(f"refusing to drop {pg_db}: not a benchmark database")
        import psycopg

        with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {pg_db}")
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_db}"
    return env
