"""Sign a credential with a Data Integrity proof, cryptosuite eddsa-rdfc-2022.

https://www.w3.org/TR/vc-di-eddsa/#create-proof-eddsa-rdfc-2022
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bitewise.engines.ob3.contexts import ContextVariant
from bitewise.engines.ob3.dates import format_datetime
from bitewise.engines.ob3.eddsa import RDFC_2022, hash_data
from bitewise.engines.ob3.keys import Ed25519Key
from bitewise.engines.ob3.multibase import encode_base58btc


def sign_credential(
    document: Mapping[str, Any],
    key: Ed25519Key,
    *,
    created: datetime,
    proof_purpose: str = "assertionMethod",
    variant: ContextVariant = "spec",
    challenge: str | None = None,
    domain: str | None = None,
) -> dict[str, Any]:
    """A copy of ``document`` with one more DataIntegrityProof in its ``proof`` array.

    Proofs already present are left out of what is signed, which makes a proof set
    (https://www.w3.org/TR/vc-data-integrity/#proof-sets). Raises CanonicalizationError when the
    document uses a term no context declares. A holder proving control of its DID signs a
    presentation with ``proof_purpose="authentication"`` and the verifier's challenge and domain.
    """
    unsecured = {name: copy.deepcopy(value) for name, value in document.items() if name != "proof"}
    existing = document.get("proof", [])
    proof_options: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": RDFC_2022,
        "created": format_datetime(created),
        "verificationMethod": key.verification_method,
        "proofPurpose": proof_purpose,
    }
    # https://www.w3.org/TR/vc-data-integrity/#defn-challenge (authentication proofs)
    if challenge is not None:
        proof_options["challenge"] = challenge
    if domain is not None:
        proof_options["domain"] = domain
    signature = key.sign(hash_data(unsecured, proof_options, variant=variant))
    proof = {**proof_options, "proofValue": encode_base58btc(signature)}
    earlier = copy.deepcopy(existing if isinstance(existing, list) else [existing])
    return {**unsecured, "proof": [*earlier, proof]}
