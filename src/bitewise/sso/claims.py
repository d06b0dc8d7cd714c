"""What identity providers last said about a person's membership: the one function other
apps (membership) call. It reads; it never changes anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bitewise.engines.identity.claims import MembershipClaims, membership_from_values
from bitewise.sso.config import providers
from bitewise.sso.models import SsoLink


@dataclass(frozen=True)
class ProviderMembership:
    """The membership claims of a person's most recent sign-in through a provider."""

    provider: str  # the provider's slug
    received_at: datetime  # when the claims were received (that sign-in)
    membership: MembershipClaims


def membership_from_claims(*, user_id: int) -> ProviderMembership | None:
    """The membership (status, tier, expiry) that the claims of ``user_id``'s latest
    single sign-on stated, mapped by that provider's configuration; None if they have never
    signed in through a provider that is still configured. ``membership.is_member_at(now)``
    tells whether they were a member in good standing by those claims."""
    mappings = {provider.slug: provider.mapping for provider in providers()}
    links = SsoLink.objects.filter(user_id=user_id, provider__in=list(mappings))
    link = links.order_by("-last_sign_in_at", "-pk").first()
    if link is None:
        return None
    return ProviderMembership(
        provider=link.provider,
        received_at=link.last_sign_in_at,
        membership=membership_from_values(link.last_claims, mappings[link.provider]),
    )
