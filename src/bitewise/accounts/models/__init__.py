"""People, roles, API tokens, attempt counters, sign-ups waiting for confirmation, and
the audit log."""

from bitewise.accounts.models.audit import AuditAction, AuditEntry
from bitewise.accounts.models.signups import SignupRequest
from bitewise.accounts.models.throttles import Throttle, ThrottleKind
from bitewise.accounts.models.tokens import ApiToken, Scope
from bitewise.accounts.models.users import Role, User, UserManager

__all__ = [
    "ApiToken",
    "AuditAction",
    "AuditEntry",
    "Role",
    "Scope",
    "SignupRequest",
    "Throttle",
    "ThrottleKind",
    "User",
    "UserManager",
]
