"""Turn an award's frozen snapshot into the engine's Achievement and Evidence values."""

from __future__ import annotations

from typing import Any

from bitewise.credentials.models import IssuedCredential, Issuer
from bitewise.credentials.services.issuers import issuer_profile
from bitewise.credentials.urls_abs import achievement_url, credential_url
from bitewise.engines import ob3
from bitewise.learning.models import Award

KIND_PATH = {"micro_credential": "micro-credentials", "pathway": "pathways"}


def award_kind(award: Award | None) -> str:
    """micro_credential or pathway; ce_credit for a credential without an award."""
    if award is None:
        return "ce_credit"
    return "micro_credential" if award.micro_credential_id else "pathway"


def _criteria(kind: str, snapshot: dict[str, Any]) -> str:
    if kind == "pathway":
        names = ", ".join(c["title"] for c in snapshot.get("components", []))
        need = "all" if snapshot.get("rule") == "all" else str(snapshot.get("required_count"))
        earned_with = f" Earned with: {names}." if names else ""
        return f"Hold {need} of the pathway's micro-credentials.{earned_with}"
    lessons = "; ".join(le["title"] for le in snapshot.get("lessons", []))
    return (
        f"Complete all {len(snapshot.get('lessons', []))} micro-lessons ({lessons}) and score "
        f"at least {snapshot.get('pass_percent')}% on their quiz questions."
    )


def achievement_of(award: Award, issuer: Issuer) -> ob3.Achievement:
    snapshot = award.snapshot
    kind = award_kind(award)
    url = achievement_url(KIND_PATH[kind], snapshot["slug"], snapshot["version"])
    skills = tuple(
        ob3.Alignment(
            target_name=skill["name"],
            target_url=skill.get("framework_url") or url,
            target_type="ceasn:Competency",
            target_code=skill.get("framework_code") or None,
        )
        for skill in snapshot.get("skills", [])
    )
    credit_type = snapshot.get("ce_credit_type") or ""
    credits = snapshot.get("ce_credits")
    return ob3.Achievement(
        id=url,
        name=snapshot["title"],
        description=snapshot.get("summary") or snapshot["title"],
        criteria_narrative=_criteria(kind, snapshot),
        achievement_type="Certificate" if kind == "pathway" else "MicroCredential",
        image=ob3.Image(id=url + "/badge.png", caption=snapshot["title"]),
        alignments=skills,
        credits_available=credits if credits and float(credits) > 0 else None,
        version=str(snapshot["version"]),
        tags=tuple(
            t for t in (snapshot.get("level"), credit_type and f"{credit_type} credit") if t
        ),
        creator=issuer_profile(issuer),
    )


def evidence_of(award: Award, component_credentials: dict[str, str]) -> list[ob3.Evidence]:
    snapshot = award.snapshot
    if snapshot.get("granted") is not None:
        # Staff awarded it directly (e.g. conference attendance): claim no lessons or score.
        return [
            ob3.Evidence(
                name="Awarded directly by the issuer",
                narrative="The issuer's staff awarded this credential directly.",
                genre="Direct award",
            )
        ]
    if award_kind(award) == "pathway":
        return [
            ob3.Evidence(
                id=component_credentials.get(c["slug"]),
                name=c["title"],
                narrative="Component micro-credential held by the learner.",
                genre="Credential",
            )
            for c in snapshot.get("components", [])
        ]
    lessons = snapshot.get("lessons", [])
    evidence = [
        ob3.Evidence(
            name="Micro-lessons completed",
            narrative="; ".join(le["title"] for le in lessons),
            genre="Lesson completion",
        )
    ]
    if award.score is not None:
        evidence.append(
            ob3.Evidence(
                name="Quiz score",
                narrative=f"Scored {award.score}% (pass mark {snapshot.get('pass_percent')}%).",
                genre="Assessment",
            )
        )
    return evidence


def component_credential_urls(award: Award) -> dict[str, str]:
    """slug → public URL of the learner's credential for each pathway component."""
    slugs = [c["slug"] for c in award.snapshot.get("components", [])]
    rows = IssuedCredential.objects.filter(
        learner_id=award.learner_id, award__micro_credential__slug__in=slugs
    ).values_list("award__micro_credential__slug", "id")
    return {slug: credential_url(pk) for slug, pk in rows}
