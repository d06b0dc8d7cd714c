from bitewise.credentials.models.bulk import BulkAward
from bitewise.credentials.models.issued import IssuedCredential
from bitewise.credentials.models.issuers import Issuer, SigningKey
from bitewise.credentials.models.status import StatusList

__all__ = ["BulkAward", "IssuedCredential", "Issuer", "SigningKey", "StatusList"]
