"""Whether an address can receive mail at all: the one rule every planner and sender of
mail to a person asks before it plans, queues or hands a message to the mail server.

An address is undeliverable by construction when it is empty or has no local part or
domain, or when its domain is under ``.invalid``: RFC 2606 section 2 and RFC 6761 section
6.4 reserve that top-level domain so it can never resolve. The placeholder addresses of
accounts made by LTI launches (``lti-…@lti.invalid``) are such addresses. ``.test``,
``.example`` and ``.localhost`` are reserved too, but a local mail setup may deliver them,
so they are left to the mail server.
"""

from __future__ import annotations

UNDELIVERABLE_TLDS = frozenset({"invalid"})
UNDELIVERABLE_REASON = "The address can never receive mail (a placeholder under .invalid)."
# Beside an "email me" switch that can do nothing for such an account.
NO_MAIL_NOTE = (
    "Your account's address cannot receive email (your course signed you in), "
    "so Bitewise sends it none."
)


def can_receive_mail(address: str) -> bool:
    """False for an address no mail server can ever deliver to (see the module docstring)."""
    local, at, domain = address.strip().rpartition("@")
    labels = domain.lower().removesuffix(".").split(".")
    if not at or not local or not all(labels):
        return False
    return labels[-1] not in UNDELIVERABLE_TLDS
