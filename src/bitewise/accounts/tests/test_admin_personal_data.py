"""The Django admin: learners' personal data is for admins only, and every list or record of
it an admin opens is written to the audit log."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.accounts.models import AuditAction, AuditEntry, Role, User
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

# Models that point at a user but hold no learner's personal data: the staff member who
# made them, or the audit log itself.
NOT_PERSONAL = {"accounts.auditentry", "credentials.issuer", "webinars.webinar"}


def _points_at_a_user(model: type[models.Model]) -> bool:
    return model is User or any(
        field.is_relation and not field.auto_created and field.related_model is User
        for field in model._meta.get_fields()
    )


def _personal_admins() -> list[str]:
    return sorted(
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, PersonalDataAdmin)
    )


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_admin_of_a_model_about_a_person_is_audited() -> None:
    missing = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if _points_at_a_user(model)
        and model._meta.label_lower not in NOT_PERSONAL
        and not isinstance(model_admin, PersonalDataAdmin)
    ]
    assert missing == []


@pytest.mark.parametrize("label", _personal_admins())
def test_an_author_gets_403_on_each_personal_data_list(label: str) -> None:
    app, model = label.split(".")
    response = as_user(make_user(role=Role.AUTHOR)).get(f"/admin/{app}/{model}/")
    assert response.status_code == 403
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("label", _personal_admins())
def test_an_admin_opening_each_personal_data_list_is_audited(label: str) -> None:
    app, model = label.split(".")
    staff = make_user(role=Role.ADMIN)

    response = as_user(staff).get(f"/admin/{app}/{model}/")

    assert response.status_code == 200
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target) == (
        staff,
        AuditAction.PERSONAL_DATA_READ,
        f"admin:{label}",
    )


def test_opening_one_person_in_the_admin_is_audited_with_the_record() -> None:
    staff = make_user(role=Role.ADMIN)
    learner = make_user(email="ana@example.org")

    page = as_user(staff).get(f"/admin/accounts/user/{learner.pk}/change/")

    assert "ana@example.org" in page.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.target, entry.record, entry.actor_email) == (
        "admin:accounts.user",
        str(learner.pk),
        staff.email,
    )


def test_the_audit_log_cannot_be_edited_or_deleted_in_the_admin() -> None:
    staff = make_user(role=Role.ADMIN)
    as_user(staff).get("/admin/accounts/user/")
    entry = AuditEntry.objects.get()
    client = as_user(staff)

    deleted = client.post(f"/admin/accounts/auditentry/{entry.pk}/delete/", {"post": "yes"})
    changed = client.post(f"/admin/accounts/auditentry/{entry.pk}/change/", {"target": "x"})

    assert deleted.status_code == 403
    assert changed.status_code == 403
    entry.refresh_from_db()
    assert entry.target == "admin:accounts.user"
    assert client.get("/admin/accounts/auditentry/").status_code == 200
    assert (
        as_user(make_user(role=Role.AUTHOR)).get("/admin/accounts/auditentry/").status_code == 403
    )
