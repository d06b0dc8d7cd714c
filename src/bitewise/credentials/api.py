"""Credentials API: verify any OB 3.0 credential; list my own badges."""

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile

from bitewise.accounts.addresses import client_address
from bitewise.accounts.limits import verify_rule
from bitewise.accounts.models import User
from bitewise.accounts.throttle import throttle_hit
from bitewise.common.api import AUTH
from bitewise.common.limits import accepts_upload
from bitewise.credentials.selectors import credential_list_for_learner
from bitewise.credentials.services.verification import MAX_INPUT_BYTES, verify_bytes
from bitewise.credentials.urls_abs import credential_url
from bitewise.engines import ob3

router = Router(tags=["credentials"])


class VerifyIn(Schema):
    credential: dict[str, Any] | str = Field(
        ..., description="The credential as a JSON object, or a VC-JWT string"
    )
    key_documents: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Controller documents of foreign issuers, keyed by controller id "
        "(did:key needs none; our own issuers are known)",
        max_length=20,
    )


class CheckOut(Schema):
    name: str
    ok: bool
    reason: str


class VerifyOut(Schema):
    status: str
    format: str
    reason: str
    checks: list[CheckOut]


class CredentialOut(Schema):
    id: str
    title: str
    url: str
    issued_at: datetime
    valid_until: datetime | None
    is_revoked: bool
    is_hidden: bool


def _result(kind: str, result: ob3.VerificationResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "format": kind,
        "reason": result.reason,
        "checks": [{"name": c.name, "ok": c.ok, "reason": c.reason} for c in result.checks],
    }


@router.post("/verify", response=VerifyOut, auth=None)
def verify(request: HttpRequest, payload: VerifyIn) -> Any:
    """Verify a credential (JSON-LD or VC-JWT): VALID or INVALID with every check's result."""
    throttle_hit(verify_rule(), address=client_address(request))
    data = payload.credential
    raw = data.encode() if isinstance(data, str) else json.dumps(data).encode()
    return _result(*verify_bytes(raw, key_documents=payload.key_documents))


@router.post("/verify/file", response=VerifyOut, auth=None)
@accepts_upload(MAX_INPUT_BYTES, 1_000_000, staff_only=False)  # the file and a key document
def verify_file(
    request: HttpRequest,
    file: File[UploadedFile],
    key_document: File[UploadedFile] | None = None,
) -> Any:
    """Verify an uploaded file: JSON, VC-JWT, or a baked PNG/SVG badge image."""
    throttle_hit(verify_rule(), address=client_address(request))
    data = file.read(MAX_INPUT_BYTES + 1)
    documents: dict[str, Any] = {}
    if key_document is not None:
        try:
            document = json.loads(key_document.read(1_000_000))
            documents = {str(document["id"]): document}
        except (ValueError, KeyError, TypeError, RecursionError):
            return _result(
                "error",
                ob3.VerificationResult(
                    (
                        ob3.Check(
                            "key", False, "key_document is not a controller document with an id"
                        ),
                    )
                ),
            )
    return _result(*verify_bytes(data, key_documents=documents))


@router.get("/me/credentials", response=list[CredentialOut], auth=AUTH)
def my_credentials(request: HttpRequest) -> Any:
    assert isinstance(request.user, User)
    return [
        {
            "id": str(c.pk),
            "title": c.title,
            "url": credential_url(c.pk),
            "issued_at": c.issued_at,
            "valid_until": c.valid_until,
            "is_revoked": c.is_revoked,
            "is_hidden": c.is_hidden,
        }
        for c in credential_list_for_learner(learner=request.user)
    ]
