"""Memberships, access rules and grants, all-access plans, group seats, orders and
webhook events, roster imports."""

from bitewise.membership.models.access import (
    TARGET_FIELDS,
    AccessGrant,
    AccessMode,
    AccessRule,
    GrantSource,
    TargetKind,
)
from bitewise.membership.models.members import (
    Membership,
    MembershipSource,
    MembershipStatus,
    MembershipTier,
)
from bitewise.membership.models.orders import (
    Order,
    OrderKind,
    OrderStatus,
    ReceiptEmail,
    WebhookEvent,
)
from bitewise.membership.models.plans import Interval, Plan, Subscription, SubscriptionStatus
from bitewise.membership.models.roster import RosterImport
from bitewise.membership.models.seats import SeatAssignment, SeatInvite, SeatPool

__all__ = [
    "TARGET_FIELDS",
    "AccessGrant",
    "AccessMode",
    "AccessRule",
    "GrantSource",
    "Interval",
    "Membership",
    "MembershipSource",
    "MembershipStatus",
    "MembershipTier",
    "Order",
    "OrderKind",
    "OrderStatus",
    "Plan",
    "ReceiptEmail",
    "RosterImport",
    "SeatAssignment",
    "SeatInvite",
    "SeatPool",
    "Subscription",
    "SubscriptionStatus",
    "TargetKind",
    "WebhookEvent",
]
