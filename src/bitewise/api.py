"""The JSON API: mounts each app's router and maps domain errors to 4xx responses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as InputError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from bitewise.accounts.api import router as accounts_router
from bitewise.accounts.services import TokenError
from bitewise.accounts.throttle import Throttled
from bitewise.catalog.api import router as catalog_router
from bitewise.common.middleware import MESSAGE, has_nul
from bitewise.credentials.api import router as credentials_router
from bitewise.insight.api import router as insight_router
from bitewise.learning.api import router as learning_router
from bitewise.learning.services import LearningError
from bitewise.membership.api import router as membership_router
from bitewise.membership.entitlements import AccessRefused
from bitewise.membership.services import MembershipError
from bitewise.openapi import document_responses
from bitewise.reinforcement.api import router as reinforcement_router
from bitewise.reviews.api import router as reviews_router
from bitewise.search.api import router as search_router
from bitewise.webinars.api import router as webinars_router


class _Schema(OpenAPISchema):
    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        # A plain function among the auth callbacks lets a caller in without credentials.
        if security and any(
            not hasattr(auth, "openapi_security_schema") for auth in operation.auth_callbacks
        ):
            security.append({})
        return security


class _NulInput(ValueError):
    pass


class _Parser(Parser):
    """Query strings and bodies holding a NUL character are a 422 (see common.middleware)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        if has_nul(data):
            raise _NulInput(MESSAGE)  # ninja wraps it in a 400; http_error() makes it a 422
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> Any:
        parsed = super().parse_querydict(data, list_fields, request)
        if has_nul(parsed):
            raise HttpError(422, MESSAGE)
        return parsed


class BitewiseAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return document_responses(_Schema(api=self, path_prefix=path_prefix))


api = BitewiseAPI(
    parser=_Parser(),
    title="Bitewise API",
    version="1",
    description="Catalog, learning progress and awards. Authenticate with a personal "
    "token (`Authorization: Bearer bw_…`) or a browser session with CSRF.",
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files; no call to swagger.io's validator.
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/", catalog_router)
api.add_router("/", learning_router)
api.add_router("/", accounts_router)
api.add_router("/", credentials_router)
api.add_router("/", webinars_router)
api.add_router("/", reviews_router)
api.add_router("/", reinforcement_router)
api.add_router("/", membership_router)
api.add_router("/", search_router)
api.add_router("/", insight_router)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


def _where(loc: list[Any]) -> str:
    # ("query", "page") → "page"; ("body", "payload", "hold_to") → "hold_to"
    named = [str(part) for part in loc[1:] if part != "payload"]
    return ".".join(named) or str(loc[0])


@api.exception_handler(InputError)
def invalid_input(request: HttpRequest, exc: InputError) -> HttpResponse:
    """A request that does not match its schema: one readable line, and each input."""
    errors = [
        {"loc": [str(part) for part in e["loc"]], "msg": str(e["msg"]), "type": str(e["type"])}
        for e in exc.errors
    ]
    detail = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in errors) or "Invalid input"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, _NulInput):
        return api.create_response(request, {"detail": MESSAGE, "errors": []}, status=422)
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Not found", 404)


@api.exception_handler(LearningError)
def learning_error(request: HttpRequest, exc: LearningError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(TokenError)
def token_refused(request: HttpRequest, exc: TokenError) -> HttpResponse:
    return _error(request, str(exc), 400)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(request, str(exc), 429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, " ".join(exc.messages), 422)


@api.exception_handler(MembershipError)
def membership_error(request: HttpRequest, exc: MembershipError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


@api.exception_handler(AccessRefused)
def access_refused(request: HttpRequest, exc: AccessRefused) -> HttpResponse:
    return _error(request, str(exc), 403)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "Forbidden", 403)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, "Request body too large", 413)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Authentication required: a bearer token or a session", 401)
