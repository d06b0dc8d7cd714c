"""A live LTI 1.3 platform on 127.0.0.1 for the tests, built on ``lti1p3platform`` (its
registration, OIDC login, id_token signing, access tokens and Deep Linking response
checks), served over HTTP by the standard library's WSGI server in a thread.

Endpoints: ``/start`` (an instructor or learner clicks a link: OIDC third-party login to
the tool), ``/authorize`` (the OIDC authorization endpoint: checks the tool's request,
answers with the auto-posting launch form), ``/jwks``, ``/token`` (client-credentials
grant with the tool's signed assertion), ``/lineitems/<id>/scores`` (AGS score publish,
bearer token checked) and ``/deep-link-return`` (Deep Linking response, signature checked
against the tool's JWKS)."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from lti1p3platform.exceptions import LtiException
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract
from lti1p3platform.oidc_login import OIDCLoginAbstract
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request, TRequest

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


def _rsa_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


class WsgiRequest(Request):
    def build_metadata(self, request: Any) -> TRequest:
        environ: dict[str, Any] = request
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode() if length else ""
        content_type = environ.get("CONTENT_TYPE", "")
        headers = {
            key[5:].replace("_", "-").title(): value
            for key, value in environ.items()
            if key.startswith("HTTP_")
        }
        return {
            "method": environ["REQUEST_METHOD"],
            "form_data": dict(parse_qsl(body)) if "form" in content_type else {},
            "get_data": dict(parse_qsl(environ.get("QUERY_STRING", ""))),
            "headers": headers,
            "content_type": content_type,
            "path": environ["PATH_INFO"],
            "json": json.loads(body) if body and "json" in content_type else None,
        }


class PlatformConf(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs: Any) -> None:
        self._registration = kwargs["registration"]

    def get_registration_by_params(self, **kwargs: Any) -> Registration:
        return self._registration  # type: ignore[return-value]


class Login(OIDCLoginAbstract):
    def set_lti_message_hint(self, **kwargs: Any) -> None:
        self._lti_message_hint = json.dumps(kwargs)

    def get_redirect(self, url: str) -> tuple[str, str]:
        return "302 Found", url


@dataclass
class LaunchPlan:
    """What the next launch claims (the test sets it; ``/authorize`` reads it)."""

    user_id: str = "moodle-user-7"
    email: str = "learner@college.example"
    name: str = "Ada Learner"
    resource_link_id: str = "rl-1"
    custom: dict[str, str] = field(default_factory=dict)
    deep_linking: bool = False
    deployment_id: str = "deployment-1"


class Launch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data: dict[str, Any], **kwargs: Any) -> str:
        return (
            f'<form method="post" action="{html.escape(launch_data["launch_url"])}">'
            f'<input type="hidden" name="id_token" value="{html.escape(launch_data["id_token"])}">'
            f'<input type="hidden" name="state" value="{html.escape(launch_data["state"])}">'
            "</form>"
        )


class LtiPlatform:
    """The platform: a registration of the tool, a signing key, what it received."""

    def __init__(self, *, base_url: str, tool_url: str, client_id: str = "bitewise-tool"):
        self.base_url = base_url
        self.tool_url = tool_url.rstrip("/")
        self.client_id = client_id
        self.issuer = base_url
        self.private_key, self.public_key = _rsa_pair()
        self.plan = LaunchPlan()
        self.scores: list[dict[str, Any]] = []
        self.deep_link_items: list[dict[str, Any]] = []
        self.errors: list[str] = []

    def registration(self) -> Registration:
        return (
            Registration()
            .set_iss(self.issuer)
            .set_client_id(self.client_id)
            .set_deployment_id(self.plan.deployment_id)
            .set_oidc_login_url(f"{self.tool_url}/lti/login")
            .set_launch_url(f"{self.tool_url}/lti/launch")
            .set_deeplink_launch_url(f"{self.tool_url}/lti/launch")
            .set_tool_key_set_url(f"{self.tool_url}/lti/jwks")
            .set_platform_public_key(self.public_key)
            .set_platform_private_key(self.private_key)
        )

    def conf(self) -> PlatformConf:
        conf = PlatformConf(registration=self.registration())
        conf.get_registration()
        return conf

    # --- the WSGI application ------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = WsgiRequest(environ)
        path = request.path
        try:
            if path == "/start":
                status, body, headers = self._start()
            elif path == "/authorize":
                status, body, headers = self._authorize(request)
            elif path == "/jwks":
                status, body, headers = "200 OK", json.dumps(self.conf().get_jwks()), []
            elif path == "/token":
                token = self.conf().get_access_token(request.form_data)
                status, body, headers = "200 OK", json.dumps(token), []
            elif path.startswith("/lineitems/") and path.endswith("/scores"):
                status, body, headers = self._score(request)
            elif path == "/deep-link-return":
                items = self.conf().validate_deeplinking_resp(request.form_data)
                self.deep_link_items.extend(items)
                status, body, headers = "200 OK", "Content added.", []
            else:
                status, body, headers = "404 Not Found", "not found", []
        except (LtiException, AssertionError, KeyError, ValueError) as exc:
            self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
            status, body, headers = "400 Bad Request", f"refused: {exc}", []
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), *headers])
        return [body.encode()]

    def _start(self) -> tuple[str, str, list[tuple[str, str]]]:
        login = Login(request=None, platform_config=self.conf())
        login.set_lti_message_hint(link=self.plan.resource_link_id)
        status, url = login.initiate_login(self.plan.user_id)
        return status, "", [("Location", url)]

    def _authorize(self, request: WsgiRequest) -> tuple[str, str, list[tuple[str, str]]]:
        launch = Launch(request, self.conf())
        plan = self.plan
        launch.set_user_data(
            plan.user_id,
            ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            full_name=plan.name,
            email_address=plan.email,
        )
        launch.set_launch_context_claim("course-1", context_title="Nursing 101")
        if plan.deep_linking:
            launch.set_dl(f"{self.base_url}/deep-link-return", title="Pick content")
        else:
            launch.set_resource_link_claim(plan.resource_link_id, title="Bitewise")
            launch.set_custom_parameters_claim(plan.custom)
            launch.set_ags(
                lineitems_url=f"{self.base_url}/lineitems",
                lineitem_url=f"{self.base_url}/lineitems/{plan.resource_link_id}",
            )
        return "200 OK", launch.lti_launch(), []

    def _score(self, request: WsgiRequest) -> tuple[str, str, list[tuple[str, str]]]:
        auth = request.headers.get("Authorization", "").split()
        if len(auth) != 2 or auth[0].lower() != "bearer":
            return "401 Unauthorized", "no token", []
        if not self.conf().validate_token(auth[1], [SCORE_SCOPE]):
            return "403 Forbidden", "token lacks the score scope", []
        self.scores.append({"lineitem": request.path.removesuffix("/scores"), **request.json})
        return "204 No Content", "", []


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def running_platform(*, tool_url: str) -> Iterator[LtiPlatform]:
    server = make_server("127.0.0.1", 0, lambda e, s: [], _Server, _QuietHandler)
    platform = LtiPlatform(base_url=f"http://127.0.0.1:{server.server_port}", tool_url=tool_url)
    server.set_app(platform)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield platform
    finally:
        server.shutdown()
        server.server_close()
