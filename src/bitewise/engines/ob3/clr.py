"""A Comprehensive Learner Record (ClrCredential 2.0) that carries signed AchievementCredentials.

https://www.imsglobal.org/spec/clr/v2p0/#clrcredential
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bitewise.engines.ob3.contexts import CLR_V2P0, CREDENTIALS_V2, OB_EXTENSIONS, OB_V3P0
from bitewise.engines.ob3.dates import format_datetime
from bitewise.engines.ob3.identity import email_identity
from bitewise.engines.ob3.inputs import IssuerProfile, Recipient

CLR_CREDENTIAL_SCHEMA = (
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
)


def build_clr_credential(
    credentials: Sequence[Mapping[str, Any]],
    recipient: Recipient,
    *,
    issuer: IssuerProfile,
    credential_id: str,
    valid_from: datetime,
    name: str,
    valid_until: datetime | None = None,
    description: str | None = None,
    with_schema: bool = True,
    parts: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """An unsigned ClrCredential; sign it with ``sign_credential``.

    The embedded credentials keep their own proofs, so each still verifies on its own. Their
    achievements are listed again under ``achievement``, once per id. ``parts`` are
    (whole, part) pairs of achievement ids, such as a pathway and each of its components,
    stated as ``isParentOf`` associations
    (https://www.imsglobal.org/spec/clr/v2p0/#association); a pair naming an achievement
    the record does not hold is left out, so every association resolves within the record.
    """
    achievements: dict[str, Any] = {}
    for credential in credentials:
        subject = credential.get("credentialSubject")
        achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
        if isinstance(achievement, Mapping):
            achievements.setdefault(str(achievement.get("id")), copy.deepcopy(achievement))
    subject_json: dict[str, Any] = {"type": ["ClrSubject"]}
    if recipient.id:
        subject_json["id"] = recipient.id
    subject_json["identifier"] = [email_identity(recipient.email, recipient.salt)]
    subject_json["verifiableCredential"] = [copy.deepcopy(dict(item)) for item in credentials]
    subject_json["achievement"] = list(achievements.values())
    associations = [
        {
            "type": "Association",
            "associationType": "isParentOf",
            "sourceId": whole,
            "targetId": part,
        }
        for whole, part in dict.fromkeys(parts)
        if whole in achievements and part in achievements and whole != part
    ]
    if associations:
        subject_json["association"] = associations
    clr: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, CLR_V2P0, OB_V3P0, *([OB_EXTENSIONS] if with_schema else [])],
        "id": credential_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer.as_json(),
        "name": name,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": subject_json,
    }
    if description:
        clr["description"] = description
    if valid_until:
        clr["validUntil"] = format_datetime(valid_until)
    if with_schema:
        clr["credentialSchema"] = [
            {"id": CLR_CREDENTIAL_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ]
    return clr
