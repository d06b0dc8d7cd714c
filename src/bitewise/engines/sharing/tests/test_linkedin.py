from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from bitewise.engines.sharing.linkedin import Certification, add_to_profile_url


def params(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_it_builds_the_add_to_profile_link_with_the_organization_name() -> None:
    url = add_to_profile_url(
        Certification(
            name="Safe Handoffs & SBAR",
            issued_on=date(2026, 3, 9),
            cert_url="https://learn.example.org/credentials/abc",
            cert_id="abc",
            organization_name="Nurses' Association",
            expires_on=date(2028, 3, 31),
        )
    )
    assert url.startswith("https://www.linkedin.com/profile/add?")
    assert params(url) == {
        "startTask": "CERTIFICATION_NAME",
        "name": "Safe Handoffs & SBAR",
        "organizationName": "Nurses' Association",
        "issueYear": "2026",
        "issueMonth": "3",
        "expirationYear": "2028",
        "expirationMonth": "3",
        "certUrl": "https://learn.example.org/credentials/abc",
        "certId": "abc",
    }


def test_an_organization_id_replaces_the_name_and_no_expiry_is_left_out() -> None:
    url = add_to_profile_url(
        Certification(
            name="X",
            issued_on=date(2026, 1, 1),
            cert_url="https://x",
            cert_id="1",
            organization_name="Ignored",
            organization_id="1337",
        )
    )
    got = params(url)
    assert got["organizationId"] == "1337"
    assert "organizationName" not in got and "expirationYear" not in got
