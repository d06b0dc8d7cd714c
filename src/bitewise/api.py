"""The JSON API: mounts each app's router and maps domain errors to 4xx responses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from bitewise.accounts.api import router as accounts_router
from bitewise.accounts.services import TokenError
from bitewise.accounts.throttle import Throttled
from bitewise.catalog.api import router as catalog_router
from bitewise.credentials.api import router as credentials_router
from bitewise.learning.api import router as learning_router
from bitewise.learning.services import LearningError
from bitewise.reinforcement.api import router as reinforcement_router
from bitewise.reviews.api import router as reviews_router
from bitewise.search.api import router as search_router
from bitewise.webinars.api import router as webinars_router

api = NinjaAPI(
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
api.add_router("/", search_router)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": message}, status=status)


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


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, str(exc) or "Forbidden", 403)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, "Request body too large", 413)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Authentication required: a bearer token or a session", 401)
