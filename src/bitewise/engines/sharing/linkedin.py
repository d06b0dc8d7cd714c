"""LinkedIn "Add to profile" links for a certification.

https://addtoprofile.linkedin.com/ documents the parameters; LinkedIn checks none of them,
which is why ``cert_url`` must point at a page that shows the credential's live state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


@dataclass(frozen=True)
class Certification:
    name: str
    issued_on: date
    cert_url: str
    cert_id: str
    organization_name: str = ""
    organization_id: str = ""
    expires_on: date | None = None


def add_to_profile_url(cert: Certification) -> str:
    params: dict[str, str | int] = {"startTask": "CERTIFICATION_NAME", "name": cert.name}
    # LinkedIn links the company page when it knows the id; the name is the fallback.
    if cert.organization_id:
        params["organizationId"] = cert.organization_id
    else:
        params["organizationName"] = cert.organization_name
    params["issueYear"] = cert.issued_on.year
    params["issueMonth"] = cert.issued_on.month
    if cert.expires_on is not None:
        params["expirationYear"] = cert.expires_on.year
        params["expirationMonth"] = cert.expires_on.month
    params["certUrl"] = cert.cert_url
    params["certId"] = cert.cert_id
    return f"{ADD_TO_PROFILE}?{urlencode(params)}"
