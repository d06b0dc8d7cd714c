"""The `bitewise` command: configuration errors, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def bitewise(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bitewise.settings.base", **env}
    return subprocess.run(
        [sys.executable, "-m", "bitewise.cli", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("command", "variable", "value", "message"),
    [
        ("check", "BITEWISE_DEBUG", "yes", "true/false"),
        ("check", "DATABASE_URL", "mysql://x/y", "DATABASE_URL"),
        ("check", "BITEWISE_TASKS_BACKEND", "celery", "BITEWISE_TASKS_BACKEND"),
        ("serve", "BITEWISE_WEB_WORKERS", "many", "whole number"),
        ("check", "BITEWISE_QUIET_HOURS", "late", "21:00-08:00"),
        ("check", "BITEWISE_DESIRED_RETENTION", "high", "a number"),
    ],
)
def test_bad_configuration_exits_non_zero_with_a_message(
    command: str, variable: str, value: str, message: str
) -> None:
    finished = bitewise(command, **{variable: value})
    assert finished.returncode == 2
    assert message in finished.stderr
    assert "Traceback" not in finished.stderr


def test_an_unknown_command_exits_non_zero() -> None:
    finished = bitewise("no-such-command")
    assert finished.returncode != 0
    assert "Unknown command" in finished.stderr


def test_without_a_configured_secret_every_process_shares_one_generated_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"BITEWISE_DATA_DIR": str(tmp_path), "BITEWISE_SECRET_KEY": ""}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = bitewise("shell", "-c", code, **env)
    second = bitewise("shell", "-c", code, **env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == second.stdout.strip().splitlines()[-1]
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
