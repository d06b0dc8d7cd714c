"""Which addresses an episode download may connect to: only globally routable ones, so a feed
cannot send the worker to loopback, the private network or a cloud metadata service."""

from __future__ import annotations

import ipaddress


def is_public(address: str) -> bool:
    """Whether ``address``, an IP address as text (as ``socket.getpeername()`` gives it), is
    globally routable: not loopback, private, shared (100.64/10), link-local, reserved,
    multicast or unspecified. An IPv4 address carried in IPv6 (``::ffff:10.0.0.1``, 6to4) must
    be public too."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # the connection goes to the IPv4 address itself
            return is_public(str(ip.ipv4_mapped))
        if ip.sixtofour is not None and not is_public(str(ip.sixtofour)):
            return False
    # is_multicast too: Python 3.12's is_global still says True for 224.0.0.0/4
    return ip.is_global and not ip.is_multicast
