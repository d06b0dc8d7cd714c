"""Template filters other apps' pages and emails use to point at an issued credential."""

from __future__ import annotations

from django import template

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.sharing import linkedin_url
from bitewise.credentials.urls_abs import credential_url

register = template.Library()


@register.filter
def linkedin_add_url(credential: IssuedCredential) -> str:
    """LinkedIn's add-to-profile link for the credential."""
    return linkedin_url(credential)


@register.filter
def public_url(credential: IssuedCredential) -> str:
    """The credential's public page, as an absolute URL built from the site URL."""
    return credential_url(credential.pk)
