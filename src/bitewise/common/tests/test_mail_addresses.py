"""The one rule on which addresses can receive mail at all."""

from __future__ import annotations

import pytest

from bitewise.common.mail_addresses import can_receive_mail


@pytest.mark.parametrize(
    "address",
    [
        "lti-3-0f1e2d3c4b5a69788796@lti.invalid",  # an LTI launch's placeholder
        "someone@LTI.INVALID",
        "someone@lti.invalid.",  # the root's dot written out
        "someone@invalid",
        "",
        "   ",
        "no-at-sign",
        "@lti.example.org",
        "someone@",
        "someone@.",
        "someone@example..org",
    ],
)
def test_an_address_that_can_never_be_delivered_is_refused(address: str) -> None:
    assert not can_receive_mail(address)


@pytest.mark.parametrize(
    "address",
    [
        "nurse@example.org",
        " Nurse@Example.ORG ",
        "someone@invalid.example.org",  # "invalid" as a label, not the top-level domain
        "someone@mail.test",  # reserved for testing, but a local mail setup may deliver it
        "someone@localhost",
    ],
)
def test_an_ordinary_address_can_receive_mail(address: str) -> None:
    assert can_receive_mail(address)
