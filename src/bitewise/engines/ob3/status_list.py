"""W3C Bitstring Status List v1.0: the bitstring, its entries and its credential.

https://www.w3.org/TR/vc-bitstring-status-list/
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bitewise.engines.ob3.contexts import CREDENTIALS_V2
from bitewise.engines.ob3.dates import format_datetime
from bitewise.engines.ob3.multibase import MultibaseError, decode_base64url, encode_base64url

MIN_BITS = 131_072
_MAX_BYTES = 16 * 1024 * 1024

# Given a credentialStatus entry, says whether its status bit is set.
StatusLookup = Callable[[Mapping[str, Any]], bool]


class StatusListError(ValueError):
    """A credentialStatus entry is malformed: the credential itself is at fault."""


class StatusUnavailable(StatusListError):
    """The status cannot be read: the list was not supplied or could not be had, it is not
    a readable list, or the entry is of a kind this engine does not check."""


@dataclass
class StatusList:
    """A bitstring whose index 0 is the left-most bit of the first byte.

    https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-generation-algorithm
    """

    bits: bytearray = field(default_factory=lambda: bytearray(MIN_BITS // 8))

    @property
    def length(self) -> int:
        return len(self.bits) * 8

    def get(self, index: int) -> bool:
        self._check(index)
        return bool(self.bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> None:
        self._check(index)
        mask = 0x80 >> (index % 8)
        self.bits[index // 8] = (
            self.bits[index // 8] | mask if value else self.bits[index // 8] & ~mask
        )

    def encode(self) -> str:
        """GZIP, then multibase base64url without padding (``u…``)."""
        return encode_base64url(gzip.compress(bytes(self.bits), mtime=0))

    @classmethod
    def decode(cls, encoded_list: str) -> StatusList:
        """https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-expansion-algorithm"""
        try:
            compressed = decode_base64url(encoded_list)
            inflater = zlib.decompressobj(wbits=31)
            bits = inflater.decompress(compressed, _MAX_BYTES)
        except (MultibaseError, zlib.error) as error:
            raise StatusListError(
                f"encodedList is not gzip in multibase base64url: {error}"
            ) from error
        if inflater.unconsumed_tail:
            raise StatusListError("encodedList expands beyond the size limit")
        if len(bits) * 8 < MIN_BITS:
            raise StatusListError(f"a status list holds at least {MIN_BITS} bits")
        return cls(bytearray(bits))

    def _check(self, index: int) -> None:
        if not 0 <= index < self.length:
            raise StatusListError(f"index {index} is outside the list of {self.length} bits")


@dataclass(frozen=True)
class StatusListEntry:
    list_credential: str
    index: int
    purpose: str = "revocation"

    def as_json(self) -> dict[str, Any]:
        """https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry"""
        return {
            "id": f"{self.list_credential}#{self.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose,
            "statusListIndex": str(self.index),
            "statusListCredential": self.list_credential,
        }


def build_status_list_credential(
    *,
    credential_id: str,
    issuer: str,
    status_list: StatusList,
    valid_from: datetime,
    purpose: str = "revocation",
) -> dict[str, Any]:
    """An unsigned BitstringStatusListCredential; sign it with ``sign_credential``.

    https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
    """
    return {
        "@context": [CREDENTIALS_V2],
        "id": credential_id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": {
            "id": f"{credential_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": status_list.encode(),
        },
    }


def status_lookup(list_credentials: Mapping[str, Mapping[str, Any]]) -> StatusLookup:
    """Look entries up in status list credentials the caller has fetched, keyed by URL.

    Verify each list credential (``verify_credential``) before handing it over: this function
    only reads its bits. https://www.w3.org/TR/vc-bitstring-status-list/#validate-algorithm
    """

    def lookup(entry: Mapping[str, Any]) -> bool:
        if entry.get("type") != "BitstringStatusListEntry":
            raise StatusUnavailable(f"unsupported credentialStatus type {entry.get('type')!r}")
        if str(entry.get("statusSize", 1)) != "1":
            raise StatusUnavailable("only statusSize 1 is supported")
        index = entry.get("statusListIndex")
        if isinstance(index, bool) or not (str(index).isascii() and str(index).isdigit()):
            raise StatusListError(f"statusListIndex {index!r} is not a non-negative integer")
        url = entry.get("statusListCredential")
        if not isinstance(url, str):
            raise StatusListError("statusListCredential is not a URL")
        list_credential = list_credentials.get(url)
        if list_credential is None:
            raise StatusUnavailable(f"status list credential {url!r} was not supplied")
        subject = list_credential.get("credentialSubject")
        if not isinstance(subject, Mapping) or not isinstance(subject.get("encodedList"), str):
            raise StatusUnavailable("the status list credential has no encodedList")
        if subject.get("statusPurpose") != entry.get("statusPurpose"):
            raise StatusListError("statusPurpose differs between the entry and its list")
        try:
            bits = StatusList.decode(subject["encodedList"])
        except StatusListError as error:
            raise StatusUnavailable(str(error)) from error
        try:
            return bits.get(int(str(index)))
        except StatusListError as error:  # an index beyond the list: the entry is wrong
            raise StatusListError(str(error)) from error

    return lookup
