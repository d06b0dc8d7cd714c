"""Deep Linking 2.0: the content an instructor picks, as LTI resource links whose custom
parameters name it, each with a line item for its score.
https://www.imsglobal.org/spec/lti-dl/v2p0"""

from __future__ import annotations

from dataclasses import dataclass

from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem
from pylti1p3.message_launch import MessageLaunch

from bitewise.catalog.models import Lesson, MicroCredential, Status
from bitewise.engines.text.numbers import whole_number
from bitewise.integrations.services.lti_launch import LtiRefused

MAX_PICKS = 50


@dataclass(frozen=True)
class DeepLinkChoice:
    """``mc:<id>`` for a micro-credential, ``lesson:<micro-credential id>:<lesson id>``."""

    micro_credential_id: int
    lesson_id: int | None = None

    @classmethod
    def parse(cls, text: str) -> DeepLinkChoice:
        kind, *numbers = text.split(":")
        ids = [whole_number(n) for n in numbers]
        if kind == "mc" and len(ids) == 1 and ids[0] is not None:
            return cls(ids[0])
        if kind == "lesson" and len(ids) == 2 and ids[0] is not None and ids[1] is not None:
            return cls(ids[0], ids[1])
        raise LtiRefused("That choice is not content Bitewise offers.")


@dataclass(frozen=True)
class DeepLinkResponse:
    return_url: str
    jwt: str


def _resource(choice: DeepLinkChoice, launch_url: str) -> DeepLinkResource:
    mc = MicroCredential.objects.filter(
        pk=choice.micro_credential_id, status=Status.PUBLISHED
    ).first()
    if mc is None:
        raise LtiRefused("That micro-credential is not published.")
    custom = {"micro_credential": mc.slug}
    title, maximum, resource_id = mc.title, 100, f"micro-credential:{mc.pk}"
    if choice.lesson_id is not None:
        lesson = Lesson.objects.filter(
            pk=choice.lesson_id, memberships__micro_credential=mc
        ).first()
        if lesson is None:
            raise LtiRefused("That lesson is not in its micro-credential.")
        custom["lesson"] = str(lesson.pk)
        title, maximum, resource_id = lesson.title, 1, f"lesson:{lesson.pk}"
    line_item = LineItem().set_score_maximum(maximum).set_label(title).set_resource_id(resource_id)
    return (
        DeepLinkResource()
        .set_url(launch_url)
        .set_title(title)
        .set_custom_params(custom)
        .set_lineitem(line_item)
    )


def deep_link_response(
    *,
    launch: MessageLaunch,  # type: ignore[type-arg]
    choices: list[DeepLinkChoice],
    launch_url: str,
) -> DeepLinkResponse:
    """The signed LtiDeepLinkingResponse for the platform's return URL."""
    if not choices:
        raise LtiRefused("Pick at least one micro-credential or lesson.")
    if len(choices) > MAX_PICKS:
        raise LtiRefused(f"Pick at most {MAX_PICKS} items at once.")
    settings = launch.get_launch_data()[
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
    ]
    if not settings.get("accept_multiple", True) and len(choices) > 1:
        raise LtiRefused("Your course takes one item at a time here: pick one.")
    deep_link = launch.get_deep_link()
    jwt = deep_link.get_response_jwt([_resource(c, launch_url) for c in choices])
    return DeepLinkResponse(return_url=str(settings["deep_link_return_url"]), jwt=jwt)
