"""Build an unsigned OpenBadgeCredential from plain values.

https://www.imsglobal.org/spec/ob/v3p0/#achievementcredential ; arrays are emitted wherever
1EdTech's JSON Schema asks for them (``type``, ``evidence``, ``alignment``, ``identifier``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bitewise.engines.ob3.contexts import CREDENTIALS_V2, OB_EXTENSIONS, OB_V3P0
from bitewise.engines.ob3.dates import format_datetime
from bitewise.engines.ob3.identity import email_identity
from bitewise.engines.ob3.inputs import (
    Achievement,
    Evidence,
    Image,
    IssuerProfile,
    Recipient,
    json_number,
)
from bitewise.engines.ob3.status_list import StatusListEntry

ACHIEVEMENT_CREDENTIAL_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def achievement_subject(achievement: Achievement, recipient: Recipient) -> dict[str, Any]:
    """https://www.imsglobal.org/spec/ob/v3p0/#achievementsubject"""
    subject: dict[str, Any] = {"type": ["AchievementSubject"]}
    if recipient.id:
        subject["id"] = recipient.id
    subject["identifier"] = [email_identity(recipient.email, recipient.salt)]
    subject["achievement"] = achievement.as_json()
    if recipient.credits_earned is not None:
        subject["creditsEarned"] = json_number(recipient.credits_earned)
    if recipient.activity_start:
        subject["activityStartDate"] = format_datetime(recipient.activity_start)
    if recipient.activity_end:
        subject["activityEndDate"] = format_datetime(recipient.activity_end)
    return subject


def build_credential(
    achievement: Achievement,
    recipient: Recipient,
    *,
    issuer: IssuerProfile,
    credential_id: str,
    valid_from: datetime,
    valid_until: datetime | None = None,
    awarded: datetime | None = None,
    evidence: Sequence[Evidence] = (),
    status: StatusListEntry | None = None,
    name: str | None = None,
    description: str | None = None,
    image: Image | None = None,
    with_schema: bool = True,
) -> dict[str, Any]:
    """An OpenBadgeCredential ready for ``sign_credential``.

    ``with_schema`` adds ``credentialSchema`` (1EdTech's JSON Schema) and the extensions
    context that declares its type.
    """
    credential: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, OB_V3P0, *([OB_EXTENSIONS] if with_schema else [])],
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name or achievement.name,
    }
    if description:
        credential["description"] = description
    if image:
        credential["image"] = image.as_json()
    credential["issuer"] = issuer.as_json()
    credential["validFrom"] = format_datetime(valid_from)
    if valid_until:
        credential["validUntil"] = format_datetime(valid_until)
    if awarded:
        credential["awardedDate"] = format_datetime(awarded)
    credential["credentialSubject"] = achievement_subject(achievement, recipient)
    if evidence:
        credential["evidence"] = [item.as_json() for item in evidence]
    if status:
        credential["credentialStatus"] = status.as_json()
    if with_schema:
        credential["credentialSchema"] = [
            {"id": ACHIEVEMENT_CREDENTIAL_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ]
    return credential
