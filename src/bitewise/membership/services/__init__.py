"""Writes for memberships, access rules, plans, seats, orders and rosters."""


class MembershipError(Exception):
    """A request the rules refuse; the message is shown as it is."""

    status_code = 400
