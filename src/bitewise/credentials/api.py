"""Credentials API: verify any OB 3.0 credential; list my own badges."""

import json
from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from bitewise.accounts.addresses import client_address
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.accounts.limits import verify_rule
from bitewise.accounts.models import User
from bitewise.accounts.throttle import throttle_hit
from bitewise.common.limits import accepts_upload
from bitewise.credentials import activity
from bitewise.credentials.activity import credential_activity
from bitewise.credentials.selectors import credential_list_for_learner
from bitewise.credentials.services.local_issuers import database_issuers
from bitewise.credentials.services.verification import (
    MAX_INPUT_BYTES,
    result_json,
    verify_bytes,
)
from bitewise.credentials.urls_abs import credential_url

router = Router(tags=["credentials"])


class VerifyIn(Schema):
    credential: dict[str, Any] | str = Field(
        ..., description="The credential as a JSON object, or a VC-JWT string"
    )
    key_documents: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Controller documents of foreign issuers, keyed by controller id "
        "(did:key needs none; our own issuers are known; did:web and https controllers "
        "not given here are fetched)",
        max_length=20,
    )
    status_lists: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Status list credentials, keyed by the URL the credential names "
        "(statusListCredential); used only if they verify. Lists not given are fetched.",
        max_length=20,
    )


Outcome = Literal["VALID", "INVALID", "COULD_NOT_VERIFY"]


class VerificationCheckOut(Schema):
    name: str = Field(..., description="credential, schema, proof, key, signature, status, …")
    outcome: Literal["passed", "failed", "not_checked"] = Field(
        ..., description="not_checked: the check could not be made (the reason says why)"
    )
    ok: bool = Field(..., description="true only when the outcome is passed")
    reason: str


class VerifyOut(Schema):
    status: Outcome = Field(
        ...,
        description="VALID: every check made and passed. INVALID: a check was made and "
        "failed. COULD_NOT_VERIFY: nothing failed, but a check could not be made (the "
        "issuer's DID document or the status list was out of reach); never a pass.",
    )
    format: str = Field(..., description="json, jwt, png, svg, or error")
    reason: str = Field(..., description="the failed and unmade checks with their reasons")
    checks: list[VerificationCheckOut]


class CredentialOut(Schema):
    id: str
    title: str
    url: str
    issued_at: datetime
    valid_until: datetime | None
    is_revoked: bool
    is_hidden: bool


def _verified(
    data: bytes,
    *,
    key_documents: dict[str, Any],
    status_lists: dict[str, Any] | None = None,
) -> dict[str, Any]:
    kind, result = verify_bytes(
        data,
        key_documents=key_documents,
        status_lists=status_lists,
        local=database_issuers,
        fetch=True,
        allow_private=settings.BITEWISE_FETCH_PRIVATE_ADDRESSES,
    )
    return result_json(kind, result)


@router.post("/verify", response={200: VerifyOut, 429: Error}, auth=None)
def verify(request: HttpRequest, payload: VerifyIn) -> Any:
    """Verify a credential (JSON-LD or VC-JWT): VALID, INVALID or COULD_NOT_VERIFY, with
    every check's outcome."""
    throttle_hit(verify_rule(), address=client_address(request))
    data = payload.credential
    raw = data.encode() if isinstance(data, str) else json.dumps(data).encode()
    credential_activity(activity.VERIFICATION)
    return _verified(raw, key_documents=payload.key_documents, status_lists=payload.status_lists)


@router.post("/verify/file", response={200: VerifyOut, 429: Error}, auth=None)
@accepts_upload(MAX_INPUT_BYTES, 1_000_000, staff_only=False)  # the file and a key document
def verify_file(
    request: HttpRequest,
    file: File[UploadedFile],
    key_document: UploadedFile | None = File(None),  # noqa: B008 (ninja's marker)
) -> Any:
    """Verify an uploaded file: JSON, VC-JWT, or a baked PNG/SVG badge image."""
    throttle_hit(verify_rule(), address=client_address(request))
    data = file.read(MAX_INPUT_BYTES + 1)
    documents: dict[str, Any] = {}
    if key_document is not None:
        try:
            document = json.loads(key_document.read(1_000_000))
            documents = {str(document["id"]): document}
        except (ValueError, KeyError, TypeError, RecursionError) as error:
            message = "key_document is not a controller document (JSON) with an id"
            raise HttpError(400, message) from error
    credential_activity(activity.VERIFICATION)
    return _verified(data, key_documents=documents)


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
