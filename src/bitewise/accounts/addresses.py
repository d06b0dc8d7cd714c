"""The client address a request came from, as throttles and the audit log count it."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _bucket(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    # One IPv6 host usually holds a whole /64: counting single addresses would let it
    # rotate through 2^64 of them.
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; or, when it is a trusted proxy (BITEWISE_TRUSTED_PROXIES), the nearest
    address in X-Forwarded-For that is not one. X-Forwarded-For is never read otherwise:
    any client can write it."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return UNKNOWN
    trusted = _networks(tuple(settings.BITEWISE_TRUSTED_PROXIES))
    if not any(peer in network for network in trusted):
        return _bucket(peer)
    hops = request.headers.get("X-Forwarded-For", "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # a garbled hop: stop at the last proxy we trust
        peer = address
        if not any(address in network for network in trusted):
            break
    return _bucket(peer)
