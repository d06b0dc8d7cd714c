"""A cmi5 LMS stand-in for the package tests (no cmi5 player is published on npm to run
instead). It does what the cmi5 specification asks of an LMS around one AU launch
(https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md):

- records the ``launched`` statement and writes the ``LMS.LaunchData`` state document
  (section 10: contextTemplate with the session id and the publisher id in grouping,
  launchMode, moveOn, masteryScore, returnURL) before it builds the launch URL (8.1);
- answers the fetch URL once with an auth token, and with an error after that (8.2);
- is the xAPI endpoint the AU was given: it serves the State API's LaunchData and an empty
  agent profile itself, refusing requests without the token, and hands statements on to a
  real LRS (Ralph), whose validation and storage the tests read.

It serves the unzipped package on the same origin, as an LMS hosting the AU would.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from tests.standards.lrs_server import PASSWORD, USERNAME, Lrs

SESSION_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
LAUNCH_MODE_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"
LAUNCH_URL_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/launchurl"
MOVEON_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/moveon"
MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"


@dataclass
class Launch:
    """One launch of the AU: what the LMS decided and what it saw."""

    url: str
    activity_id: str
    actor: dict[str, Any]
    registration: str
    session_id: str
    publisher_id: str
    launch_data: dict[str, Any]
    fetches: list[int] = field(default_factory=list)  # HTTP status of each fetch call
    state_reads: list[int] = field(default_factory=list)


@dataclass
class Cmi5Lms:
    origin: str
    lrs: Lrs
    course_id: str
    token: str
    launches: list[Launch] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # xAPI requests without the token
    forwarded: int = 0  # statements handed on to the LRS (the AU's and the LMS's own)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def launch(
        self,
        *,
        activity_id: str,
        actor: dict[str, Any],
        launch_mode: str = "Normal",
        mastery_score: float | None = None,
        move_on: str = "CompletedAndPassed",
        return_url: str | None = None,
    ) -> Launch:
        registration = str(uuid.uuid4())
        session_id = str(uuid.uuid4())
        context_template = {
            "contextActivities": {"grouping": [{"id": self.course_id}]},
            "extensions": {SESSION_EXTENSION: session_id},
        }
        launch_data: dict[str, Any] = {
            "contextTemplate": context_template,
            "launchMode": launch_mode,
            "moveOn": move_on,
        }
        if mastery_score is not None:
            launch_data["masteryScore"] = mastery_score
        if return_url:
            launch_data["returnURL"] = return_url
        query = urlencode(
            {
                "endpoint": f"{self.origin}/xapi/",
                "fetch": f"{self.origin}/fetch/{session_id}",
                "actor": json.dumps(actor),
                "registration": registration,
                "activityId": activity_id,
            }
        )
        url = f"{self.origin}/package/index.html?{query}"
        launch = Launch(
            url, activity_id, actor, registration, session_id, self.course_id, launch_data
        )
        self.launches.append(launch)
        extensions = {
            **context_template["extensions"],
            LAUNCH_MODE_EXTENSION: launch_mode,
            LAUNCH_URL_EXTENSION: f"{self.origin}/package/index.html",
            MOVEON_EXTENSION: move_on,
        }
        if mastery_score is not None:
            extensions[MASTERY_EXTENSION] = mastery_score
        self.send(
            {
                "id": str(uuid.uuid4()),
                "actor": actor,
                "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
                "object": {"id": activity_id, "objectType": "Activity"},
                "timestamp": datetime.now(UTC).isoformat(),
                "context": {
                    "registration": registration,
                    "contextActivities": {
                        "grouping": [{"id": self.course_id}],
                        "category": [{"id": CMI5_CATEGORY}],
                    },
                    "extensions": extensions,
                },
            }
        )
        return launch

    def send(self, statement: dict[str, Any]) -> requests.Response:
        response = requests.post(
            f"{self.lrs.url}/statements",
            json=statement,
            auth=(USERNAME, PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=10,
        )
        with self.changed:
            self.forwarded += 1
            self.changed.notify_all()
        return response

    def wait_for_statements(self, count: int) -> None:
        """Until ``count`` statements have reached the LRS (a request sent as a page is left
        arrives on its own time); a guard against hanging, not a measure of speed."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.forwarded >= count, timeout=60):
                raise AssertionError(f"{self.forwarded} statements reached the LRS, not {count}")

    def by_session(self, session_id: str) -> Launch | None:
        return next((la for la in self.launches if la.session_id == session_id), None)


class Handler(SimpleHTTPRequestHandler):
    lms: Cmi5Lms

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: Any = None) -> None:
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorized(self) -> bool:
        if self.headers.get("Authorization") == f"Basic {self.lms.token}":
            return True
        self.lms.refused.append(self.path)
        return False

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/fetch/"):
            launch = self.lms.by_session(path.removeprefix("/fetch/"))
            if launch is None:
                self._answer(404)
            elif launch.fetches:  # 8.2.3: a fetch URL answers once
                launch.fetches.append(200)
                self._answer(200, {"error-code": "1", "error-text": "already used"})
            else:
                launch.fetches.append(200)
                self._answer(200, {"auth-token": self.lms.token})
        elif path == "/xapi/statements":
            if not self._authorized():
                self._answer(401)
                return
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            stored = self.lms.send(body)
            self._answer(stored.status_code, stored.json())
        else:
            self._answer(404)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if not parts.path.startswith("/xapi/"):
            super().do_GET()
            return
        if not self._authorized():
            self._answer(401)
            return
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        if parts.path == "/xapi/activities/state" and query.get("stateId") == "LMS.LaunchData":
            launch = next(
                (la for la in self.lms.launches if la.registration == query.get("registration")),
                None,
            )
            asked = (query.get("activityId"), json.loads(query.get("agent", "null")))
            if launch is None or asked != (launch.activity_id, launch.actor):
                self._answer(404)
                return
            launch.state_reads.append(200)
            self._answer(200, launch.launch_data)
        else:
            self._answer(404)


@contextmanager
def cmi5_lms(root: Path, lrs: Lrs) -> Iterator[Cmi5Lms]:
    """Serve ``root`` (the unzipped package under package/) as the LMS; yields the LMS."""
    token = base64.b64encode(f"au-{secrets.token_hex(8)}:{secrets.token_hex(16)}".encode())
    handler = type("Cmi5LmsHandler", (Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_port}"
    lms = Cmi5Lms(origin, lrs, f"{origin}/courses/1", token.decode())
    handler.lms = lms
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield lms
    finally:
        server.shutdown()
        server.server_close()
