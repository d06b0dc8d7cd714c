"""Staff page (admins only: it shows personal data): each identity provider's claim
mapping, and for one person (by email) their links and the claims last received, with the
membership those claims map to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bitewise.accounts.access import admin_required
from bitewise.accounts.audit import personal_data_read
from bitewise.engines.identity.claims import membership_from_values
from bitewise.sso.config import providers
from bitewise.sso.models import SsoLink


@admin_required
@require_GET
def sso_staff(request: HttpRequest) -> HttpResponse:
    configured = {provider.slug: provider for provider in providers()}
    email = request.GET.get("email", "").strip().lower()[:254]
    people = []
    if email:
        links = SsoLink.objects.filter(user__email__iexact=email).select_related("user")
        for link in links.order_by("provider"):
            provider = configured.get(link.provider)
            membership = (
                membership_from_values(link.last_claims, provider.mapping) if provider else None
            )
            people.append(
                {
                    "link": link,
                    "claims": sorted(link.last_claims.items()),
                    "membership": membership,
                    "is_member": membership.is_member_at(timezone.now()) if membership else None,
                }
            )
        personal_data_read(request, target="sso last claims", detail={"email": email})
    return render(
        request,
        "sso/staff.html",
        {"providers": configured.values(), "email": email, "people": people},
    )
