"""Public catalog pages."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bitewise.catalog.cache import catalog_version
from bitewise.catalog.forms import CatalogFilterForm
from bitewise.catalog.selectors import (
    CatalogFilters,
    access_micro_credential,
    access_pathway,
    catalog_list,
    lessons_of,
    pathway_list_published,
)
from bitewise.learning.selectors import (
    assessment_status,
    completed_lesson_ids,
    enrollment_for,
    standings_for,
)
from bitewise.membership.entitlements import (
    decision_for,
    micro_credential_decisions,
    refused_micro_credential_ids,
)

PAGE_SIZE = 12
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
CACHE_SECONDS = 600  # also bounded by the catalog version, which every edit bumps


def catalog(request: HttpRequest) -> HttpResponse:
    """The filtered catalog. A visitor without a session gets a page cached per URL and
    catalog version (it holds no per-visitor content: no form token, no messages)."""
    if _is_stranger(request):
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"catalog:{catalog_version()}:page:{digest}"
        cached = cache.get(key)
        if cached is not None:
            return HttpResponse(cached)
        response = _catalog_page(request)
        if response.status_code == 200:
            cache.set(key, response.content, timeout=CACHE_SECONDS)
        return response
    return _catalog_page(request)


def _is_stranger(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return not (
        request.user.is_authenticated
        or settings.SESSION_COOKIE_NAME in cookies
        or MESSAGES_COOKIE in cookies
    )


def _catalog_page(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET or None)
    status = 200
    filters = CatalogFilters()
    if form.is_bound:
        if form.is_valid():
            filters = form.to_filters()
        else:
            status = 400
    user = request.user if request.user.is_authenticated else None
    items = catalog_list(filters=filters)
    facts = None
    if form.is_bound and form.is_valid() and form.cleaned_data.get("included"):
        # The person's facts, read only when some rule is closed, serve the cards too.
        refused, facts = refused_micro_credential_ids(person=user)
        items = items.exclude(pk__in=refused)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    # The page's access rules come from the cache (plus the person's facts), whatever its size.
    access = micro_credential_decisions(
        person=user, ids=[mc.pk for mc in page.object_list], facts=facts
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalog/catalog.html",
        {
            "form": form,
            "page": page,
            "cards": [(mc, access[mc.pk]) for mc in page.object_list],
            "query": query.urlencode(),
            "pathways": pathway_list_published(),
        },
        status=status,
    )


def micro_credential_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    mc = access_micro_credential(slug=slug, user=user)
    lessons = lessons_of(mc)
    context = {
        "mc": mc,
        "lessons": lessons,
        "enrollment": None,
        "standing": None,
        "done": set(),
        "access": decision_for(person=user, target=mc),
    }
    if user is not None:
        context["enrollment"] = enrollment_for(learner=user, micro_credential=mc)
        context["standing"] = standings_for(learner=user, micro_credentials=[mc])[mc.pk]
        context["done"] = completed_lesson_ids(learner=user, lesson_ids=[le.pk for le in lessons])
        context["award"] = mc.awards.filter(learner=user).first()
        context["status"] = assessment_status(
            learner=user,
            micro_credential=mc,
            standing=context["standing"],
            is_subscribed=bool(context["enrollment"] and context["enrollment"].is_active),
            is_earned=context["award"] is not None,
        )
        # "Continue" opens the first lesson not yet done (the first one when all are).
        open_lessons = [le for le in lessons if le.pk not in context["done"]]
        context["next_lesson"] = (open_lessons or lessons or [None])[0]
    return render(request, "catalog/micro_credential.html", context)


def pathway_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    pathway = access_pathway(slug=slug, user=user)
    return render(
        request,
        "catalog/pathway.html",
        {
            "pathway": pathway,
            "members": pathway.micro_credentials.filter(status="published"),
            "access": decision_for(person=user, target=pathway),
        },
    )
