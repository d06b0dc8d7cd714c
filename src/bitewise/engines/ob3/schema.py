"""The structure of an Open Badges 3.0 credential against 1EdTech's JSON Schema.

https://www.imsglobal.org/spec/ob/v3p0/#json-schema ; the schemas are bundled (``schemas/``,
see ``schemas/SOURCES.md``) and never fetched.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from bitewise.engines.ob3.contexts import CREDENTIALS_V2
from bitewise.engines.ob3.result import Check

_SCHEMAS = {
    "AchievementCredential": "ob_v3p0_achievementcredential_schema.json",
    "OpenBadgeCredential": "ob_v3p0_achievementcredential_schema.json",
    "EndorsementCredential": "ob_v3p0_endorsementcredential_schema.json",
}
_MAX_REPORTED = 3


@cache
def _validator(filename: str) -> jsonschema.Draft201909Validator:
    text = resources.files(__package__).joinpath("schemas", filename).read_text("utf-8")
    return jsonschema.Draft201909Validator(
        json.loads(text), format_checker=jsonschema.FormatChecker()
    )


def check_schema(credential: Mapping[str, Any]) -> Check | None:
    """The schema check for an OB 3.0 credential; None for other kinds (status lists,
    CLR), for which 1EdTech publishes no schema here."""
    types = credential.get("type")
    types = types if isinstance(types, list) else [types]
    filename = next((_SCHEMAS[t] for t in types if isinstance(t, str) and t in _SCHEMAS), None)
    if filename is None:
        return None
    contexts = credential.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first != CREDENTIALS_V2:
        # OB 3.0 before 3.0.3 was written on VC 1.1; the schema describes the VC 2.0 form.
        return Check("schema", True, "not applicable: a VC 1.1 credential (OB 3.0 before 3.0.3)")
    # VC Data Integrity allows one proof as an object; the schema wants an array of them.
    document = dict(credential)
    if isinstance(document.get("proof"), Mapping):
        document["proof"] = [document["proof"]]
    errors = sorted(_validator(filename).iter_errors(document), key=lambda e: list(e.path))
    if not errors:
        return Check("schema", True)
    shown = "; ".join(_describe(error) for error in errors[:_MAX_REPORTED])
    more = f" (and {len(errors) - _MAX_REPORTED} more)" if len(errors) > _MAX_REPORTED else ""
    return Check("schema", False, f"not the OB 3.0 structure: {shown}{more}")


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "the credential"
    message = error.message if len(error.message) <= 160 else error.message[:157] + "…"
    return f"{where}: {message}"
