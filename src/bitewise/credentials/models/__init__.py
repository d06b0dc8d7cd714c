from bitewise.credentials.models.bulk import BulkAward
from bitewise.credentials.models.issued import CredentialStatusChange, IssuedCredential
from bitewise.credentials.models.issuers import Issuer, RsaSigningKey, SigningKey
from bitewise.credentials.models.status import StatusList

__all__ = [
    "BulkAward",
    "CredentialStatusChange",
    "IssuedCredential",
    "Issuer",
    "RsaSigningKey",
    "SigningKey",
    "StatusList",
]
