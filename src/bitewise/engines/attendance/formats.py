"""The report shapes each platform exports, and telling which platform wrote a report."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .rows import Row, header_key, keys


class Platform(StrEnum):
    ZOOM = "zoom"
    GOTOWEBINAR = "gotowebinar"
    TEAMS = "teams"
    GENERIC = "generic"


class Field(StrEnum):
    EMAIL = "email"
    NAME = "name"
    FIRST_NAME = "first name"
    LAST_NAME = "last name"
    JOIN = "join"
    LEAVE = "leave"
    ATTENDED = "attended"
    WAITING_ROOM = "waiting room"


REQUIRED = (Field.EMAIL, Field.JOIN, Field.LEAVE)


@dataclass(frozen=True)
class Layout:
    platform: Platform
    title: str
    columns: Mapping[Field, tuple[str, ...]]
    known: frozenset[str] = field(default_factory=frozenset)  # read elsewhere or not needed


ZOOM = Layout(
    platform=Platform.ZOOM,
    title="Zoom participants report",
    columns={
        Field.EMAIL: ("User Email", "Email"),
        Field.NAME: ("Name (Original Name)", "User Name (Original Name)", "Name"),
        Field.FIRST_NAME: ("First Name",),
        Field.LAST_NAME: ("Last Name",),
        Field.JOIN: ("Join Time",),
        Field.LEAVE: ("Leave Time",),
        Field.ATTENDED: ("Attended",),
        Field.WAITING_ROOM: ("In Waiting Room",),
    },
    known=frozenset(
        keys(
            [
                "Duration (Minutes)",
                "Guest",
                "Is Guest",
                "Recording Consent",
                "Recording Disclaimer Response",
                "Registration Time",
                "Approval Status",
                "Time in Session (minutes)",
                "Country/Region Name",
                "Total Duration (Minutes)",
            ]
        )
    ),
)
GOTOWEBINAR = Layout(
    platform=Platform.GOTOWEBINAR,
    title="GoToWebinar attendee report",
    columns={
        Field.EMAIL: ("Email Address", "Email"),
        Field.FIRST_NAME: ("First Name",),
        Field.LAST_NAME: ("Last Name",),
        Field.JOIN: ("Join Time",),
        Field.LEAVE: ("Leave Time",),
        Field.ATTENDED: ("Attended",),
    },
    known=frozenset(
        keys(("Interest Rating", "Registration Date/Time", "Time in Session", "Unsubscribed"))
    ),
)
TEAMS_ACTIVITIES = Layout(
    platform=Platform.TEAMS,
    title="Teams attendance report (In-Meeting Activities)",
    columns={
        Field.EMAIL: ("Email",),
        Field.NAME: ("Name",),
        Field.JOIN: ("Join Time",),
        Field.LEAVE: ("Leave Time",),
    },
    known=frozenset(keys(("Duration", "Role", "Participant ID (UPN)"))),
)
TEAMS_PARTICIPANTS = Layout(
    platform=Platform.TEAMS,
    title="Teams attendance report (Participants)",
    columns={
        Field.EMAIL: ("Email",),
        Field.NAME: ("Name",),
        Field.JOIN: ("First Join",),
        Field.LEAVE: ("Last Leave",),
    },
    known=frozenset(keys(("In-Meeting Duration", "Role", "Participant ID (UPN)"))),
)
GENERIC = Layout(
    platform=Platform.GENERIC,
    title="attendance CSV",
    columns={
        Field.EMAIL: ("Email", "E-mail", "Email Address", "E-mail Address", "Attendee Email"),
        Field.NAME: ("Name", "Full Name", "Display Name", "Attendee Name"),
        Field.JOIN: ("Join", "Join Time", "Joined", "Joined At", "Join At"),
        Field.LEAVE: ("Leave", "Leave Time", "Left", "Left At", "Leave At"),
        Field.ATTENDED: ("Attended",),
    },
)
LAYOUTS: Mapping[Platform, tuple[Layout, ...]] = {
    Platform.ZOOM: (ZOOM,),
    Platform.GOTOWEBINAR: (GOTOWEBINAR,),
    # Activities hold every join and leave; Participants only first join and last leave.
    Platform.TEAMS: (TEAMS_ACTIVITIES, TEAMS_PARTICIPANTS),
    Platform.GENERIC: (GENERIC,),
}
_SIGNATURES = {
    Platform.TEAMS: set(keys(("First Join", "In-Meeting Duration", "Participant ID (UPN)"))),
    Platform.GOTOWEBINAR: set(
        keys(("Interest Rating", "Time in Session", "Actual Start Date/Time"))
    ),
    Platform.ZOOM: set(keys(("Name (Original Name)", "User Name (Original Name)", "User Email"))),
}
_TEAMS_SECTION = re.compile(r"\d\.\s*(summary|participants|in-meeting activities)")


def detect_platform(rows: Sequence[Row]) -> Platform:
    """The platform whose column names (or Teams' numbered sections) appear first."""
    for row in rows:
        cells = set(keys(row.cells))
        if row.cells and _TEAMS_SECTION.fullmatch(header_key(row.cells[0])):
            return Platform.TEAMS
        for platform, signature in _SIGNATURES.items():
            if cells & signature:
                return platform
    return Platform.GENERIC
