"""The EdDSA cryptosuites' hashing: eddsa-rdfc-2022 (RDFC-1.0) and eddsa-jcs-2022 (JCS).

https://www.w3.org/TR/vc-di-eddsa/#eddsa-rdfc-2022 ; https://www.w3.org/TR/vc-di-eddsa/#eddsa-jcs-2022
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from c14n.Canonicalize import canonicalize as jcs

from bitewise.engines.ob3.contexts import ContextVariant
from bitewise.engines.ob3.rdfc import canonicalize

RDFC_2022 = "eddsa-rdfc-2022"
JCS_2022 = "eddsa-jcs-2022"
# The draft name of eddsa-rdfc-2022 (same algorithm), still found in 2023 OB 3.0 samples.
LEGACY_2022 = "eddsa-2022"
RDFC_SUITES = frozenset({RDFC_2022, LEGACY_2022})
SUPPORTED_SUITES = RDFC_SUITES | {JCS_2022}


def hash_data(
    unsecured_document: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    *,
    variant: ContextVariant = "spec",
) -> bytes:
    """proofConfigHash + transformedDocumentHash, each SHA-256.

    https://www.w3.org/TR/vc-di-eddsa/#hashing-eddsa-rdfc-2022 (and #hashing-eddsa-jcs-2022);
    the proof configuration takes the document's ``@context``
    (https://www.w3.org/TR/vc-di-eddsa/#proof-configuration-eddsa-rdfc-2022).
    """
    proof_config = {key: value for key, value in proof_options.items() if key != "proofValue"}
    if "@context" in unsecured_document:
        proof_config["@context"] = unsecured_document["@context"]
    if proof_options.get("cryptosuite") == JCS_2022:
        config_bytes: bytes = jcs(proof_config)
        document_bytes: bytes = jcs(dict(unsecured_document))
    else:
        config_bytes = canonicalize(proof_config, variant=variant).encode("utf-8")
        document_bytes = canonicalize(unsecured_document, variant=variant).encode("utf-8")
    return hashlib.sha256(config_bytes).digest() + hashlib.sha256(document_bytes).digest()
