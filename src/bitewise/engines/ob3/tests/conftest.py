from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    Achievement,
    Alignment,
    Ed25519Key,
    Evidence,
    Image,
    IssuerProfile,
    Recipient,
    StatusList,
    StatusListEntry,
    StatusLookup,
    build_credential,
    build_status_list_credential,
    sign_credential,
    status_lookup,
)

DATA = Path(__file__).parent / "data"
VECTORS = DATA / "vectors"
NOW = datetime(2025, 6, 1, tzinfo=UTC)
ISSUED = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
ISSUER_ID = "https://bitewise.example/issuers/acme"
STATUS_URL = "https://bitewise.example/status/1"


def load_json(relative: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((VECTORS / relative).read_text("utf-8"))
    return document


def vector_key_documents() -> dict[str, dict[str, Any]]:
    documents = (json.loads(path.read_text("utf-8")) for path in (VECTORS / "keys").glob("*.json"))
    return {document["id"]: document for document in documents}


def status_of(*revoked: int) -> StatusLookup:
    """A lookup in the status list of make_credential(), with ``revoked`` indexes set."""
    bits = StatusList()
    for index in revoked:
        bits.set(index)
    document = build_status_list_credential(
        credential_id=STATUS_URL, issuer=ISSUER_ID, status_list=bits, valid_from=ISSUED
    )
    return status_lookup({STATUS_URL: document})


@pytest.fixture(scope="session")
def issuer_key() -> Ed25519Key:
    return Ed25519Key.from_seed(bytes(range(32)), ISSUER_ID)


@pytest.fixture(scope="session")
def key_documents(issuer_key: Ed25519Key) -> dict[str, dict[str, Any]]:
    return {ISSUER_ID: issuer_key.controller_document()}


def make_credential(**overrides: Any) -> dict[str, Any]:
    issuer = IssuerProfile(
        id=ISSUER_ID, name="ACME Nursing Association", url="https://acme.example"
    )
    achievement = Achievement(
        id="https://bitewise.example/achievements/sterile-technique",
        name="Sterile Technique",
        description="Applies aseptic technique in the operating room.",
        criteria_narrative="Completed all lessons and passed the final quiz with 80% or more.",
        achievement_type="Certificate",
        image=Image("https://bitewise.example/media/sterile.png", "Sterile Technique badge"),
        alignments=(
            Alignment(
                target_name="Aseptic technique",
                target_url="https://skills.example/aseptic",
                target_type="ceasn:Competency",
                target_framework="ACME skills",
            ),
        ),
        credits_available=Decimal("1.5"),
        version="2025.1",
        creator=issuer,
    )
    recipient = Recipient(email="ann@example.com", salt="5a1t", credits_earned=Decimal("1.5"))
    arguments: dict[str, Any] = {
        "issuer": issuer,
        "credential_id": "urn:uuid:7f1e3f0e-4c2b-4d8e-9b8a-1f2e3d4c5b6a",
        "valid_from": ISSUED,
        "valid_until": datetime(2027, 1, 15, tzinfo=UTC),
        "awarded": ISSUED,
        "evidence": [Evidence(narrative="Final quiz: 9 of 10 correct", name="Final quiz")],
        "status": StatusListEntry(STATUS_URL, 42),
    }
    arguments.update(overrides)
    return build_credential(achievement, recipient, **arguments)


@pytest.fixture(scope="session")
def signed_once(issuer_key: Ed25519Key) -> dict[str, Any]:
    return sign_credential(make_credential(), issuer_key, created=ISSUED)


@pytest.fixture
def signed(signed_once: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(signed_once)
