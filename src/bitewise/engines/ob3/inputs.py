"""Plain values a credential is built from, each knowing its OB 3.0 JSON shape.

https://www.imsglobal.org/spec/ob/v3p0/#data-model
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

Number = Decimal | float | int


def json_number(value: Number) -> int | float:
    """Whole numbers as JSON integers, so that every JSON-LD processor reads the same value."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _present(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value not in (None, [], ())}


@dataclass(frozen=True)
class Image:
    id: str
    caption: str | None = None

    def as_json(self) -> dict[str, Any]:
        return _present(id=self.id, type="Image", caption=self.caption)


@dataclass(frozen=True)
class IssuerProfile:
    id: str
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None
    image: Image | None = None

    def as_json(self) -> dict[str, Any]:
        return _present(
            id=self.id,
            type=["Profile"],
            name=self.name,
            url=self.url,
            email=self.email,
            description=self.description,
            image=self.image.as_json() if self.image else None,
        )


@dataclass(frozen=True)
class Alignment:
    """A skill or competency the achievement aligns to (e.g. ``target_type="ceasn:Competency"``)."""

    target_name: str
    target_url: str
    target_type: str | None = None
    target_framework: str | None = None
    target_code: str | None = None
    target_description: str | None = None

    def as_json(self) -> dict[str, Any]:
        return _present(
            type=["Alignment"],
            targetName=self.target_name,
            targetUrl=self.target_url,
            targetType=self.target_type,
            targetFramework=self.target_framework,
            targetCode=self.target_code,
            targetDescription=self.target_description,
        )


@dataclass(frozen=True)
class IdentifierEntry:
    """https://www.imsglobal.org/spec/ob/v3p0/#identifierentry (e.g. a CE sponsor's id,
    ``identifier_type="ext:SponsorId"``)."""

    identifier: str
    identifier_type: str

    def as_json(self) -> dict[str, Any]:
        return {
            "type": "IdentifierEntry",
            "identifier": self.identifier,
            "identifierType": self.identifier_type,
        }


@dataclass(frozen=True)
class Achievement:
    id: str
    name: str
    description: str
    criteria_narrative: str
    criteria_url: str | None = None
    achievement_type: str | None = None
    image: Image | None = None
    alignments: tuple[Alignment, ...] = ()
    credits_available: Number | None = None
    version: str | None = None
    tags: tuple[str, ...] = ()
    creator: IssuerProfile | None = None
    field_of_study: str | None = None
    other_identifiers: tuple[IdentifierEntry, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return _present(
            id=self.id,
            type=["Achievement"],
            achievementType=self.achievement_type,
            name=self.name,
            description=self.description,
            criteria=_present(id=self.criteria_url, narrative=self.criteria_narrative),
            image=self.image.as_json() if self.image else None,
            alignment=[alignment.as_json() for alignment in self.alignments],
            creditsAvailable=None
            if self.credits_available is None
            else json_number(self.credits_available),
            version=self.version,
            tag=list(self.tags),
            creator=self.creator.as_json() if self.creator else None,
            fieldOfStudy=self.field_of_study,
            otherIdentifier=[entry.as_json() for entry in self.other_identifiers],
        )


@dataclass(frozen=True)
class Recipient:
    """The learner: an email (stored only salted and hashed) and, when known, a DID or URL."""

    email: str
    salt: str
    id: str | None = None
    credits_earned: Number | None = None
    activity_start: datetime | None = None
    activity_end: datetime | None = None


@dataclass(frozen=True)
class Evidence:
    narrative: str | None = None
    id: str | None = None
    name: str | None = None
    description: str | None = None
    genre: str | None = None

    def as_json(self) -> dict[str, Any]:
        return _present(
            id=self.id,
            type=["Evidence"],
            name=self.name,
            description=self.description,
            narrative=self.narrative,
            genre=self.genre,
        )
