"""`bitewise demo`: migrate, load the demo catalog and users, print the logins, serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.urls import reverse

from bitewise.demo.loader import DemoSummary, demo_password, load_demo
from bitewise.settings.env import env_str

STARTUP_SECONDS = 60
STOP_SECONDS = 40  # gunicorn's graceful shutdown takes up to 30


def _site_url(bind: str) -> str:
    """``0.0.0.0:8001`` → ``http://127.0.0.1:8001``: the address a browser on this machine opens."""
    return "http://" + bind.replace("0.0.0.0", "127.0.0.1")


def _wait_until_listening(bind: str, server: subprocess.Popen[bytes]) -> bool:
    """True once something accepts connections at ``bind`` (host:port); False if the server
    exits first or does not listen within STARTUP_SECONDS."""
    host, _, port = bind.rpartition(":")
    host = "127.0.0.1" if host in ("", "0.0.0.0") else host.strip("[]")
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection((host, int(port)), timeout=1):
                time.sleep(0.5)  # let the last start-up lines reach the terminal first
                return True
        except OSError:
            time.sleep(0.25)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a child (Ctrl-C reached it too: it may be finishing its requests already)."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Command(BaseCommand):
    help = (
        "Load demo content and users (idempotent), print the logins, then serve. "
        "The password comes from BITEWISE_DEMO_PASSWORD, or a fixed demo default."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=env_str("BITEWISE_BIND", "127.0.0.1:8000"))
        parser.add_argument("--no-serve", action="store_true", help="load, print, and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo serves on 127.0.0.1: its badges may name did:web under that address (real
        # sites refuse to, see credentials.services.issuers.issuing_refusal). The workers
        # started below read it from the environment.
        settings.BITEWISE_ISSUE_ON_IP_ADDRESS = True
        os.environ["BITEWISE_ISSUE_ON_IP_ADDRESS"] = "true"
        if "BITEWISE_SITE_URL" not in os.environ:
            # Links in the demo's emails and badges point where the demo serves.
            settings.SITE_URL = _site_url(options["bind"])
            os.environ["BITEWISE_SITE_URL"] = settings.SITE_URL
        call_command("migrate", interactive=False, verbosity=0)
        password = demo_password()
        summary = load_demo(password=password)
        if settings.TASKS_BACKEND_KIND == "database":
            # Issue the demo learner's badge now: run what loading queued, then stop.
            call_command("worker", "--burst", verbosity=0)
        if options["no_serve"]:
            self._print_logins(summary, password, options["bind"])
            return
        # Gunicorn forks workers; none of them should inherit this process's connection.
        connections.close_all()
        workers = self._start_workers()
        self.stdout.write(
            "Starting the scheduler (bitewise scheduler): reminders, campaigns, digests."
        )
        scheduler = subprocess.Popen([sys.executable, "-m", "bitewise.cli", "scheduler"])
        server = subprocess.Popen(
            [sys.executable, "-m", "bitewise.cli", "serve", "--bind", options["bind"],
             "--no-migrate"]
        )  # fmt: skip
        try:
            # The logins come last, once the server answers, after everything's start-up lines.
            if _wait_until_listening(options["bind"], server):
                self._print_logins(summary, password, options["bind"])
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (*workers, scheduler, server):
                _stop(process)

    def _start_workers(self) -> list[subprocess.Popen[bytes]]:
        """The demo is one command: run the background workers beside the web server, one for
        short work and one for recordings, so a transcription never delays an email."""
        if settings.TASKS_BACKEND_KIND == "immediate":
            return []
        self.stdout.write(
            "Starting the background workers (bitewise worker --queue default, --queue media)."
        )
        return [
            subprocess.Popen([sys.executable, "-m", "bitewise.cli", "worker", "--queue", queue])
            for queue in ("default", "media")
        ]

    def _print_logins(self, summary: DemoSummary, password: str, bind: str) -> None:
        host = _site_url(bind).removeprefix("http://")
        self.stdout.write(
            f"Demo loaded: {summary.micro_credentials} micro-credentials, "
            f"{summary.pathways} pathway(s), {summary.lessons} lessons, "
            f"{summary.webinars} micro-webinars, a recorded session proposed as "
            f"{summary.proposed_lessons} lessons (staff: /staff/repurpose/)."
        )
        self.stdout.write(
            f"Open http://{host}{reverse('catalog:list')} and log in at "
            f"http://{host}{reverse('accounts:login')} as:"
        )
        width = max(len(login.email) for login in summary.logins)
        for login in summary.logins:
            self.stdout.write(f"  {login.email:<{width}}  {login.role:<8}  password: {password}")
        if not all(login.created for login in summary.logins):
            self.stdout.write(
                "  (accounts that already existed keep the password they were created with)"
            )
