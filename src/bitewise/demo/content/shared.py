"""Skills and the one long demo recording that several lessons play a range of."""

from __future__ import annotations

from bitewise.demo.content.specs import (
    RecordingPart,
    SkillSpec,
)


def _onet(code: str) -> str:
    return f"https://www.onetonline.org/link/summary/{code}"


SKILLS: tuple[SkillSpec, ...] = (
    SkillSpec(
        slug="clinical-handoff-communication",
        name="Clinical handoff communication",
        description=(
            "Passing responsibility for a patient to another clinician without losing "
            "information: structured handoffs, SBAR calls, read-back of critical items. "
            "Demo mapping: O*NET-SOC 29-1141.00, Registered Nurses."
        ),
        framework_code="O*NET-SOC 29-1141.00",
        framework_url=_onet("29-1141.00"),
    ),
    SkillSpec(
        slug="recognizing-clinical-deterioration",
        name="Recognizing clinical deterioration",
        description=(
            "Noticing that a patient is getting worse before a crisis: trends in vital "
            "signs, early warning scores, and escalating on concern. "
            "Demo mapping: O*NET-SOC 29-1141.00, Registered Nurses."
        ),
        framework_code="O*NET-SOC 29-1141.00",
        framework_url=_onet("29-1141.00"),
    ),
    SkillSpec(
        slug="revenue-recognition",
        name="Revenue recognition (ASC 606 / IFRS 15)",
        description=(
            "Applying the five-step contract model: performance obligations, transaction "
            "price, allocation, and timing of recognition. "
            "Demo mapping: O*NET-SOC 13-2011.00, Accountants and Auditors."
        ),
        framework_code="O*NET-SOC 13-2011.00",
        framework_url=_onet("13-2011.00"),
    ),
    SkillSpec(
        slug="month-end-close",
        name="Month-end close and reconciliations",
        description=(
            "Closing the books on time and accurately: account reconciliations, accruals, "
            "cut-off and review. Demo mapping: O*NET-SOC 13-2011.00, Accountants and Auditors."
        ),
        framework_code="O*NET-SOC 13-2011.00",
        framework_url=_onet("13-2011.00"),
    ),
    SkillSpec(
        slug="personal-data-handling",
        name="Personal data handling",
        description=(
            "Recognizing personal data, keeping only what is needed, and responding well "
            "when something goes wrong. Demo mapping: O*NET-SOC 13-1041.00, Compliance "
            "Officers."
        ),
        framework_code="O*NET-SOC 13-1041.00",
        framework_url=_onet("13-1041.00"),
    ),
)

RECORDING_NAME = "demo/association-webinar.wav"
RECORDING_PARTS: tuple[RecordingPart, ...] = (
    RecordingPart(1, "SBAR in practice", 0, 180),
    RecordingPart(2, "The subtle signs of deterioration", 180, 360),
    RecordingPart(3, "One contract, five steps", 360, 540),
    RecordingPart(4, "A privacy incident, minute by minute", 540, 720),
)

_ABOUT_RECORDING = (
    "> **About this recording.** In this demo the association webinar is synthesized when "
    "the demo loads: a synthetic voice (eSpeak NG) reads the presenter's lines, which are "
    "also the captions and the searchable transcript. This lesson plays only its own part "
    "of the one long file. Where eSpeak NG is not installed the recording is tones instead, "
    "a chime beeping the part number and then a motif at the part's own pitch."
)


def _media_body(intro: str, points: str) -> str:
    return f"{intro}\n\n{_ABOUT_RECORDING}\n\n### Key points\n\n{points}\n"
