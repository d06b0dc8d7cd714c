"""The OpenAPI document: every response a route can return, and one name per schema.

`document_responses` adds to each operation the errors the API's own machinery returns
(authentication, CSRF, validation, unreadable or oversized bodies, missing objects), so a
route declares only the refusals of its own service. `schema_name_collisions` finds two
schemas with one name (one would silently replace the other in the document).

Run as a module it writes or checks the committed document (docs/openapi.json): `make
openapi` regenerates it; `make lint` fails when the API changed without it."""

from __future__ import annotations

import json
import os
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

TARGET = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
UNSAFE = {"post", "put", "patch", "delete"}

ERROR = {
    "type": "object",
    "title": "Error",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
FIELD_ERROR = {
    "type": "object",
    "title": "FieldError",
    "properties": {
        "loc": {"type": "array", "items": {"type": "string"}, "title": "Loc"},
        "msg": {"type": "string", "title": "Msg"},
        "type": {"type": "string", "title": "Type"},
    },
    "required": ["loc", "msg", "type"],
}
INVALID = {
    "type": "object",
    "title": "InvalidInput",
    "description": "A 422: `detail` says what is wrong; `errors` lists each input that is, "
    "where the request did not match its schema.",
    "properties": {
        "detail": {"type": "string", "title": "Detail"},
        "errors": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FieldError"},
            "title": "Errors",
        },
    },
    "required": ["detail"],
}

WHY = {
    400: "The body is not readable JSON, or the request breaks a rule",
    401: "No valid bearer token or session",
    403: "Not allowed (a session request without its CSRF token, or a role that may not)",
    404: "No such object, or not yours",
    413: "The request body is too large",
    422: "A parameter or the body is not valid",
    429: "Too many attempts from this address or account: retry after Retry-After seconds",
}


def _error_response(status: int) -> dict[str, Any]:
    schema = "InvalidInput" if status == 422 else "Error"
    return {
        "description": WHY[status],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """The errors the API's machinery may return for ``operation``, whatever the route."""
    places = {p.get("in") for p in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    security = operation.get("security") or []
    statuses: set[int] = set()
    if security:  # a bad bearer token may be a 401 even where none is needed, and an
        statuses |= {401, 429}  # address that sent many bad tokens is locked out for a while
    if any("SessionAuth" in scheme for scheme in security) and method in UNSAFE:
        statuses.add(403)  # Django's CSRF check on a cookie-authenticated write
    if "path" in places:
        statuses.add(404)
    if places or has_body:
        statuses.add(422)
    if has_body:
        statuses |= {400, 413}
    return statuses


def document_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the machinery's error responses to every operation, and one 422 shape."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR)
    components.update(FieldError=FIELD_ERROR, InvalidInput=INVALID)
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(method, operation)):
                responses.setdefault(status, _error_response(status))
            if 422 in responses:  # a route's own 422 has the same shape as validation's
                responses[422] = _error_response(422)
    return schema


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models(argument)
    if isinstance(annotation, types.UnionType):
        for argument in annotation.__args__:
            yield from _models(argument)


def _reachable(roots: list[type[BaseModel]]) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo = list(roots)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            todo.extend(_models(field.annotation))
    return seen


def schema_name_collisions(api: Any) -> dict[str, list[str]]:
    """Schema names that two different classes share, with those classes."""
    roots: list[type[BaseModel]] = []
    for _, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                roots.extend(operation.models)
                for model in operation.response_models.values():
                    roots.extend(_models(model))
    names: dict[str, set[str]] = {}
    for model in _reachable(roots):
        names.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    # ninja's own wrappers (one per operation) never appear in the document
    internal = {"NinjaResponseSchema"}
    return {
        name: sorted(classes)
        for name, classes in names.items()
        if len(classes) > 1 and name not in internal
    }


def render() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.test")
    import django

    django.setup()
    from bitewise.api import api

    collisions = schema_name_collisions(api)
    if collisions:
        raise SystemExit(f"Two schemas share a name; rename one: {collisions}")
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    current = render()
    if "--write" in argv:
        TARGET.write_text(current, encoding="utf-8")
        print(f"wrote {TARGET}")
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != current:
        print("docs/openapi.json is out of date: run `make openapi`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
