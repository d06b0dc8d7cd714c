"""Every Django admin page is an entry point to the services like any other: no ModelAdmin
edits a status or saves a domain model behind a service's back. Checked over the whole
admin site, then through the admin's real HTTP routes as an admin."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client

from bitewise.accounts.models import ApiToken, Role, User
from bitewise.accounts.services import api_token_create
from bitewise.common.admin import ReadOnlyAdmin, ServiceAdmin
from bitewise.credentials.models import Issuer
from bitewise.credentials.services.issuers import issuer_default, signing_key_active
from bitewise.reviews.models import ReviewPreferences
from bitewise.testing import make_user
from bitewise.webinars.models import CreditProgram

pytestmark = pytest.mark.django_db

# Django's groups change nothing here: User.has_perm reads the role alone.
REGISTERED = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.label != "auth.Group"
    ),
    key=lambda item: item[0]._meta.label,
)


def _editable_fields(model_admin: admin.ModelAdmin, request: Any) -> set[str]:
    form = model_admin.get_form(request, obj=None)
    return set(form.base_fields) - set(model_admin.get_readonly_fields(request))


@pytest.mark.parametrize(
    ("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _ in REGISTERED]
)
def test_every_model_admin_is_read_only_or_saves_through_a_service(
    model: Any, model_admin: admin.ModelAdmin, rf: Any
) -> None:
    request = rf.get("/")
    request.user = make_user(role=Role.ADMIN)
    if isinstance(model_admin, ServiceAdmin):
        assert type(model_admin).save_model is not admin.ModelAdmin.save_model
        assert "status" not in _editable_fields(model_admin, request)
        assert "delete_selected" not in model_admin.get_actions(request)
    else:  # ours derive from ReadOnlyAdmin; a library's must be read-only all the same
        assert not model_admin.has_add_permission(request), model._meta.label
        assert not model_admin.has_change_permission(request), model._meta.label
        assert not model_admin.has_delete_permission(request), model._meta.label
        if model.__module__.startswith("bitewise."):
            assert isinstance(model_admin, ReadOnlyAdmin)


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(make_user(role=Role.ADMIN))
    return client


def test_a_token_is_revoked_by_the_admin_action_and_never_added(admin_client: Client) -> None:
    owner = make_user()
    issued = api_token_create(user=owner, name="laptop")

    add = admin_client.get("/admin/accounts/apitoken/add/")
    admin_client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [issued.token.pk]},
    )

    assert add.status_code == 403
    assert ApiToken.objects.get(pk=issued.token.pk).revoked_at is not None


def user_form(user: User, **changes: Any) -> dict[str, Any]:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "role": user.role,
        "is_active": "on",
        **changes,
    }


def test_an_admin_changes_a_role_but_only_a_superuser_grants_superuser(
    admin_client: Client,
) -> None:
    person = make_user()

    promoted = admin_client.post(
        f"/admin/accounts/user/{person.pk}/change/", user_form(person, role=Role.AUTHOR)
    )
    escalated = admin_client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        user_form(person, role=Role.AUTHOR, is_superuser="on"),
    )

    assert promoted.status_code == 302
    assert escalated.status_code == 403
    person.refresh_from_db()
    assert person.role == Role.AUTHOR and not person.is_superuser


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "mine@example.org"},  # then a password reset mailed there takes it over
        {"is_active": ""},
        {"role": Role.LEARNER},
        {"display_name": "Someone else"},
    ],
)
def test_only_a_superuser_changes_a_superusers_account(
    admin_client: Client, changes: dict[str, Any]
) -> None:
    owner = User.objects.create_superuser(email="owner@example.org", password=None)

    refused = admin_client.post(
        f"/admin/accounts/user/{owner.pk}/change/",
        user_form(owner, is_superuser="on", **changes),
    )

    assert refused.status_code == 403
    owner.refresh_from_db()
    assert (owner.email, owner.is_active, owner.role, owner.display_name) == (
        "owner@example.org",
        True,
        Role.ADMIN,
        "",
    )
    other = User.objects.create_superuser(email="other@example.org", password=None)
    client = Client()
    client.force_login(other)
    assert (
        client.post(
            f"/admin/accounts/user/{owner.pk}/change/",
            user_form(owner, is_superuser="on", email="owner.new@example.org"),
        ).status_code
        == 302
    )
    owner.refresh_from_db()
    assert owner.email == "owner.new@example.org"


def test_an_admin_cannot_lock_themselves_out(client: Client) -> None:
    me = make_user(role=Role.ADMIN)
    client.force_login(me)

    response = client.post(
        f"/admin/accounts/user/{me.pk}/change/", user_form(me, role=Role.LEARNER), follow=True
    )

    assert "You cannot take away your own admin role or access." in response.content.decode()
    me.refresh_from_db()
    assert me.role == Role.ADMIN


def test_an_issuer_that_has_signed_keeps_its_did(admin_client: Client) -> None:
    issuer = issuer_default()
    signing_key_active(issuer=issuer)
    did = issuer.did

    response = admin_client.post(
        f"/admin/credentials/issuer/{issuer.pk}/change/",
        {"name": "Renamed", "slug": "other", "url": "", "email": "", "description": ""},
    )

    assert response.status_code == 302
    issuer = Issuer.objects.get(pk=issuer.pk)
    assert issuer.name == "Renamed"
    assert (issuer.slug, issuer.is_default, issuer.did) == ("default", True, did)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/reviews/reviewpreferences/{pk}/change/",
        "/admin/reviews/reviewpreferences/add/",
    ],
)
def test_a_learners_review_hold_is_not_edited_in_the_admin(admin_client: Client, path: str) -> None:
    preferences = ReviewPreferences.objects.create(learner=make_user())

    response = admin_client.post(
        path.format(pk=preferences.pk),
        {"learner": preferences.learner_id, "hold_from": "9999-12-01", "hold_to": "9999-12-31"},
    )

    assert response.status_code == 403
    preferences.refresh_from_db()
    assert preferences.hold_from is None and preferences.hold_to is None


@pytest.mark.parametrize(
    "path",
    [
        "/admin/learning/enrollment/",
        "/admin/learning/award/",
        "/admin/reinforcement/event/",
        "/admin/reinforcement/delivery/",
        "/admin/reviews/reviewcard/",
        "/admin/accounts/apitoken/",
        "/admin/catalog/microcredentialversion/",
    ],
)
def test_read_only_lists_still_open(admin_client: Client, path: str) -> None:
    assert admin_client.get(path).status_code == 200


def program_form(code: str, rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": code,
        "rule": json.dumps(rule),
        "provider_name": "State Nursing Board",
        "sponsor_id": "",
        "credit_type": "",
        "delivery_method": "Group Internet Based",
        "approver_statement": "",
        "is_active": "on",
    }


def test_a_credit_program_added_in_the_admin_is_made_by_the_service(
    admin_client: Client,
) -> None:
    custom = CreditProgram.objects.get(code="custom")

    response = admin_client.post(
        "/admin/webinars/creditprogram/add/",
        program_form("state-board", {**custom.rule, "increment": "0.5"}),
    )

    assert response.status_code == 302
    made = CreditProgram.objects.get(code="state-board")
    assert made.credit_rule.code == "state-board" and str(made.credit_rule.increment) == "0.5"
    assert made.provider_name == "State Nursing Board" and made.is_active


def test_a_refusal_the_form_cannot_foresee_is_shown_and_nothing_is_saved(
    admin_client: Client,
) -> None:
    custom = CreditProgram.objects.get(code="custom")
    rule = dict(custom.rule)
    custom.delete()  # the template every new program starts from

    response = admin_client.post(
        "/admin/webinars/creditprogram/add/", program_form("state-board", rule), follow=True
    )

    assert "There is no program “custom” to start from." in response.content.decode()
    assert not CreditProgram.objects.filter(code="state-board").exists()
