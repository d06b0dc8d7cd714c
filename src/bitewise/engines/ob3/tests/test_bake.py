from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    BakeError,
    Ed25519Key,
    bake_png,
    bake_svg,
    sign_jwt,
    unbake_png,
    unbake_svg,
    verify_credential,
)
from bitewise.engines.ob3.tests.conftest import NOW, VECTORS, load_json

SAMPLE_PNG = (VECTORS / "1edtech-ob30/simple-json.png").read_bytes()
SAMPLE_SVG = (VECTORS / "1edtech-ob30/simple-json.svg").read_text("utf-8")
PLAIN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>'


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\0"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("image", ["tiny", "1edtech-sample"])
def test_png_bake_unbake_round_trip(signed: dict[str, Any], image: str) -> None:
    png = tiny_png() if image == "tiny" else SAMPLE_PNG

    baked = bake_png(png, signed)

    assert unbake_png(baked) == signed
    assert baked.endswith(tiny_png()[-12:])


def test_baking_again_replaces_the_credential(signed: dict[str, Any]) -> None:
    twice = bake_png(bake_png(tiny_png(), {"old": True}), signed)

    assert twice.count(b"openbadgecredential") == 1
    assert unbake_png(twice) == signed


def with_subject_id(credential: dict[str, Any]) -> dict[str, Any]:
    """A VC-JWT states credentialSubject.id as ``sub``."""
    subject = {**credential["credentialSubject"], "id": "did:example:learner-17"}
    return {**credential, "credentialSubject": subject}


def test_a_jwt_bakes_into_png_as_text(signed: dict[str, Any], issuer_key: Ed25519Key) -> None:
    token = sign_jwt(with_subject_id(signed), issuer_key)

    assert unbake_png(bake_png(tiny_png(), token)) == token


def test_the_1edtech_png_sample_unbakes_and_verifies() -> None:
    from bitewise.engines.ob3.tests.conftest import vector_key_documents

    credential = unbake_png(SAMPLE_PNG)
    assert isinstance(credential, dict)
    credential_without_proof = {
        name: value for name, value in credential.items() if name != "proof"
    }
    # The same badge as simple.json, signed by the issuer's second key.
    expected = {k: v for k, v in load_json("1edtech-ob30/simple.json").items() if k != "proof"}

    result = verify_credential(credential, now=NOW, key_documents=vector_key_documents())

    assert credential_without_proof == expected
    assert result.is_valid, result.reason


@pytest.mark.parametrize(
    ("png", "message"),
    [
        (b"GIF89a", "not a PNG"),
        (tiny_png()[:-5], "truncated"),
        (tiny_png()[:20] + b"X" + tiny_png()[21:], "CRC mismatch"),
        (tiny_png(), "no openbadgecredential"),
    ],
    ids=["not-png", "truncated", "corrupt", "unbaked"],
)
def test_a_bad_png_raises_bake_error(png: bytes, message: str) -> None:
    with pytest.raises(BakeError, match=message):
        unbake_png(png)


@pytest.mark.parametrize("image", ["plain", "1edtech-sample", "self-closing"])
def test_svg_bake_unbake_round_trip(signed: dict[str, Any], image: str) -> None:
    svg = {"plain": PLAIN_SVG, "1edtech-sample": SAMPLE_SVG, "self-closing": "<svg/>"}[image]

    baked = bake_svg(svg, signed)

    assert unbake_svg(baked) == signed
    assert baked.count("<openbadges:credential") == 1
    assert 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"' in baked


def test_an_svg_baked_credential_is_well_formed_xml_even_with_cdata_markers(
    signed: dict[str, Any],
) -> None:
    import xml.dom.minidom

    signed["name"] = "Tricky ]]> name"

    baked = bake_svg(PLAIN_SVG, signed)

    xml.dom.minidom.parseString(baked)
    assert unbake_svg(baked) == signed


def test_a_jwt_goes_into_the_verify_attribute(
    signed: dict[str, Any], issuer_key: Ed25519Key
) -> None:
    token = sign_jwt(with_subject_id(signed), issuer_key)

    baked = bake_svg(PLAIN_SVG, token)

    assert f'<openbadges:credential verify="{token}">' in baked
    assert unbake_svg(baked) == token


def test_the_1edtech_svg_samples_unbake() -> None:
    json_sample = unbake_svg(SAMPLE_SVG)
    jwt_sample = unbake_svg((VECTORS / "1edtech-ob30/simple-jwt.svg").read_bytes())

    assert json_sample == unbake_png(SAMPLE_PNG)
    assert isinstance(jwt_sample, str) and jwt_sample.count(".") == 2


@pytest.mark.parametrize(
    "svg",
    [PLAIN_SVG, "<svg><openbadges:credential><![CDATA[{not json]]></openbadges:credential></svg>"],
    ids=["unbaked", "broken-json"],
)
def test_a_bad_svg_raises_bake_error(svg: str) -> None:
    with pytest.raises(BakeError):
        unbake_svg(svg)
