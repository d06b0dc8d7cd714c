"""Multibase base58btc (``z…``) and base64url (``u…``) encodings.

https://www.w3.org/TR/controller-document/#multibase-0
"""

from __future__ import annotations

import base64

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}


class MultibaseError(ValueError):
    pass


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(_ALPHABET[remainder])
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in _INDEX:
            raise MultibaseError(f"{char!r} is not a base58btc character")
        number = number * 58 + _INDEX[char]
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_zeros + body


def encode_base58btc(data: bytes) -> str:
    return "z" + base58btc_encode(data)


def decode_base58btc(value: str) -> bytes:
    if not value.startswith("z"):
        raise MultibaseError("expected a base58btc multibase value starting with 'z'")
    return base58btc_decode(value[1:])


def encode_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_base64url(value: str) -> bytes:
    if not value.startswith("u"):
        raise MultibaseError("expected a base64url multibase value starting with 'u'")
    body = value[1:]
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
    except ValueError as error:
        raise MultibaseError(f"not base64url: {error}") from error
