"""The rules Bitewise ships. Staff pick one per webinar or series, or copy one and edit it.

Sources are named in each rule's ``notes``; change a rule by adding a new version, never by
editing one that awards already point at.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from bitewise.engines.ce_credits.rules import CreditRule, Rounding

NASBA_GROUP_INTERNET = CreditRule(
    code="nasba-group-internet",
    version=1,
    body="NASBA",
    unit="CPE credit",
    minutes_per_credit=Decimal(50),
    increment=Decimal("0.2"),
    minimum_minutes=Decimal(50),
    attendance_checks_per_credit=3,
    report_alone_is_evidence=False,
    allows_series_bundling=True,
    notes=(
        "NASBA/AICPA Statement on Standards for CPE Programs (rev. 2024), Standard No. 16: "
        "50 minutes = 1 CPE credit; a group program must reach one full credit before any credit, "
        "then one-fifth (0.2) increments, rounded down, never up. S16-03: group internet based "
        "programs confirm each participant's presence at least three times per CPE credit "
        "(polling questions); log-in/log-out times alone do not show attendance. Segments of one "
        "program add up, so a series of short webinars is credited on its total minutes."
    ),
)

NASBA_NANO = CreditRule(
    code="nasba-nano",
    version=1,
    body="NASBA",
    unit="CPE credit",
    minutes_per_credit=Decimal(50),
    increment=Decimal("0.2"),
    minimum_minutes=Decimal(10),
    fixed_credit=Decimal("0.2"),
    min_session_minutes=Decimal(10),
    session_under_minutes=Decimal(20),
    required_share=Decimal(1),
    requires_assessment=True,
    assessment_pass_percent=Decimal(70),
    allows_series_bundling=False,
    notes=(
        "NASBA/AICPA Statement on Standards for CPE Programs (rev. 2024), nano-learning: a "
        "self-paced electronic piece with a single learning objective, at least 10 and under 20 "
        "minutes, worth exactly 0.2 CPE credit, completed in full and followed by a qualified "
        "assessment (pass mark 70%). Each piece stands alone; pieces do not add up into longer "
        "programs. Use it for a webinar's recording, not for the live session."
    ),
)

IACET_CEU = CreditRule(
    code="iacet-ceu",
    version=1,
    body="IACET",
    unit="CEU",
    minutes_per_credit=Decimal(600),
    increment=Decimal("0.1"),
    rounding=Rounding.NEAREST,
    minimum_minutes=Decimal(30),
    allows_series_bundling=True,
    notes=(
        "ANSI/IACET 1-2018 Standard, element 6.4, and IACET's 'Six steps to submitting CEU "
        "calculations' (2019): 1 CEU = 10 contact hours of 60 minutes. CEUs are reported to the "
        "nearest tenth and never below 0.1, so no learning event may be under 30 minutes "
        "(30 minutes = 0.05, which rounds to 0.1). Shorter events may be grouped to reach 30."
    ),
)

ANCC_CONTACT_HOURS = CreditRule(
    code="ancc-contact-hours",
    version=1,
    body="ANCC",
    unit="contact hour",
    minutes_per_credit=Decimal(60),
    increment=Decimal("0.25"),
    minimum_minutes=Decimal(15),
    allows_series_bundling=True,
    notes=(
        "ANCC NCPD accreditation criteria, glossary 'contact hour': 1 contact hour = 60 minutes "
        "of an organized learning activity; if the provider rounds, it must round down to the "
        "nearest quarter hour. We always round down to 0.25, so 15 minutes is the least that "
        "earns anything; ANCC itself sets no separate minimum length."
    ),
)

AMA_PRA_1 = CreditRule(
    code="ama-pra-1",
    version=1,
    body="AMA",
    unit="AMA PRA Category 1 Credit\N{TRADE MARK SIGN}",
    minutes_per_credit=Decimal(60),
    increment=Decimal("0.25"),
    minimum_minutes=Decimal(15),
    allows_series_bundling=True,
    notes=(
        "AMA PRA credit system booklet, live activities: 60 minutes of participation = 1 credit, "
        "designated and awarded in 15-minute (0.25 credit) increments, so 15 minutes is the "
        "minimum. The AMA lets providers round to the nearest quarter hour; we round down so a "
        "physician never claims more than the time actually attended."
    ),
)

CUSTOM_TEMPLATE = CreditRule(
    code="custom",
    version=1,
    body="Custom",
    unit="CE hour",
    minutes_per_credit=Decimal(60),
    increment=Decimal("0.25"),
    minimum_minutes=Decimal(15),
    allows_series_bundling=True,
    notes=(
        "A starting point for a body not listed here: copy it, give it the body's name, unit and "
        "numbers, and cite the body's document in these notes."
    ),
)

SHIPPED_RULES: MappingProxyType[str, CreditRule] = MappingProxyType(
    {
        rule.code: rule
        for rule in (
            NASBA_GROUP_INTERNET,
            NASBA_NANO,
            IACET_CEU,
            ANCC_CONTACT_HOURS,
            AMA_PRA_1,
            CUSTOM_TEMPLATE,
        )
    }
)
