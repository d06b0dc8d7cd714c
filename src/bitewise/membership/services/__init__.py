"""Writes for memberships, access rules, plans, seats, orders and rosters."""


class MembershipError(Exception):
    """A request the rules refuse; the message is shown as it is."""

    status_code = 400


class MembershipForbidden(MembershipError):
    """Refused because of who asks (not staff, not an admin): a 403 wherever it is shown."""

    status_code = 403
