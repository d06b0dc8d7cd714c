"""API tokens: scopes on every route, expiry, revocation with a reason, no minting by a
token, creation only after typing the password, and bad tokens throttled."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from bitewise.accounts.models import ApiToken, Role, User
from bitewise.accounts.services import (
    TokenError,
    api_token_create,
    api_token_revoke,
    user_password_set,
)
from bitewise.learning.models import Enrollment
from bitewise.testing import PASSWORD, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def token_for(user: User, *scopes: str, days: int | None = None) -> str:
    return api_token_create(
        user=user, name="t", scopes=scopes or ("read", "write"), days=days
    ).secret


def post_json(client: Client, url: str, body: object, **extra: Any) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", **extra)


def logged_in_with_password(user: User) -> Client:
    browser = Client()
    response = browser.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


# ---- scopes ------------------------------------------------------------------------------


def _concrete(template: str) -> str:
    """A URL for a route template: each {parameter} a number, or a UUID where the route
    wants one."""
    for value in ("1", "00000000-0000-0000-0000-000000000001"):
        url = re.sub(r"\{[^}]+\}", value, template)
        try:
            resolve(url)
        except Resolver404:
            continue
        return url
    raise AssertionError(f"no URL fits {template}")


class TestScopes:
    def test_a_read_token_reads_but_cannot_write(self, client: Client) -> None:
        learner = make_user()
        mc = make_micro_credential()
        secret = token_for(learner, "read")

        assert client.get("/api/me/progress", headers=bearer(secret)).status_code == 200
        refused = client.post(
            f"/api/micro-credentials/{mc.slug}/subscription", headers=bearer(secret)
        )

        assert refused.status_code == 403
        assert refused.json()["detail"] == "This token lacks the `write` scope this request needs."
        assert not Enrollment.objects.exists()

    def test_a_write_only_token_writes_but_cannot_read(self, client: Client) -> None:
        learner = make_user()
        mc = make_micro_credential()
        secret = token_for(learner, "write")

        written = client.post(
            f"/api/micro-credentials/{mc.slug}/subscription", headers=bearer(secret)
        )
        refused = client.get("/api/me/progress", headers=bearer(secret))

        assert written.status_code == 200
        assert refused.status_code == 403
        assert "`read` scope" in refused.json()["detail"]

    def test_every_authenticated_api_route_checks_the_method_scope(self, client: Client) -> None:
        """Walk every operation of the OpenAPI document that takes a token: with a token
        lacking the method's scope, each answers 403 before doing anything."""
        from bitewise.api import api

        learner = make_user()
        read_only, write_only = token_for(learner, "read"), token_for(learner, "write")
        checked = 0
        for template, operations in api.get_openapi_schema()["paths"].items():
            for method, operation in operations.items():
                if not any("TokenAuth" in s for s in operation.get("security", [])):
                    continue  # public route
                secret = write_only if method in ("get", "head") else read_only
                url = _concrete(template)
                response = client.generic(method.upper(), url, headers=bearer(secret))
                assert response.status_code == 403, (method, url, response.content)
                checked += 1
        assert checked >= 25
        assert not Enrollment.objects.exists()

    def test_the_staff_scope_needs_a_staff_account(self) -> None:
        with pytest.raises(TokenError, match="Only staff accounts"):
            api_token_create(user=make_user(), name="t", scopes=["read", "staff"])
        assert not ApiToken.objects.exists()
        staff_token = api_token_create(user=make_user(role=Role.AUTHOR), name="t", scopes=["staff"])
        assert staff_token.token.scope_list == ["staff"]


@pytest.mark.urls("bitewise.accounts.tests.staff_api_urls")
class TestStaffRoutes:
    def test_a_staff_route_needs_the_staff_scope_and_a_staff_account(self, client: Client) -> None:
        author = make_user(role=Role.AUTHOR)
        without = token_for(author, "read")
        with_staff = token_for(author, "read", "staff")

        refused = client.get("/staff-api/ping", headers=bearer(without))
        allowed = client.get("/staff-api/ping", headers=bearer(with_staff))

        assert refused.status_code == 403 and "`staff` scope" in refused.json()["detail"]
        assert allowed.status_code == 200 and allowed.json() == {"who": author.email}

    def test_a_staff_token_of_someone_no_longer_staff_is_refused(self, client: Client) -> None:
        author = make_user(role=Role.AUTHOR)
        secret = token_for(author, "read", "staff")
        User.objects.filter(pk=author.pk).update(role=Role.LEARNER)

        refused = client.get("/staff-api/ping", headers=bearer(secret))

        assert refused.status_code == 403 and refused.json()["detail"] == "Staff only."

    def test_a_learner_session_is_refused_on_a_staff_route(self, client: Client) -> None:
        client.force_login(make_user())
        assert client.get("/staff-api/ping").status_code == 403
        client.force_login(make_user(role=Role.ADMIN))
        assert client.get("/staff-api/ping").status_code == 200


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.ADMIN])
def test_a_staff_members_token_without_the_staff_scope_has_a_learners_rights(
    client: Client, role: str
) -> None:
    staff = make_user(role=role)
    draft = make_micro_credential(publish=False, title="Unannounced course")
    lesson = draft.lessons.first()
    assert lesson is not None
    learner_token = token_for(staff, "read", "write")
    staff_token = token_for(staff, "read", "write", "staff")
    urls = [f"/api/micro-credentials/{draft.slug}/assessment", f"/api/lessons/{lesson.pk}"]

    as_learner = [client.get(url, headers=bearer(learner_token)).status_code for url in urls]
    subscribed = post_json(
        client,
        f"/api/micro-credentials/{draft.slug}/subscription",
        {},
        headers=bearer(learner_token),
    )
    as_staff = [client.get(url, headers=bearer(staff_token)).status_code for url in urls]

    assert as_learner == [404, 404]
    assert subscribed.status_code == 404
    assert not Enrollment.objects.filter(learner=staff).exists()
    assert as_staff == [200, 200]


# ---- expiry and revocation ---------------------------------------------------------------


def test_a_token_expires_after_the_default_days_with_a_401_that_says_so(
    client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_TOKEN_DAYS = 30
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        secret = token_for(make_user())
    with time_machine.travel(now + timedelta(days=29), tick=False):
        assert client.get("/api/me/progress", headers=bearer(secret)).status_code == 200
    with time_machine.travel(now + timedelta(days=30, seconds=1), tick=False):
        expired = client.get("/api/me/progress", headers=bearer(secret))
    assert expired.status_code == 401
    assert expired.json()["detail"].startswith("This API token expired on ")


def test_a_token_can_be_given_its_own_lifetime_within_bounds() -> None:
    learner = make_user()
    issued = api_token_create(user=learner, name="t", days=7)
    assert issued.token.expires_at - issued.token.created_at < timedelta(days=7, seconds=5)
    for days in (0, 366):
        with pytest.raises(TokenError, match="1 to 365 days"):
            api_token_create(user=learner, name="t", days=days)
    assert ApiToken.objects.count() == 1


def test_a_revoked_token_is_a_401_that_says_so(client: Client) -> None:
    issued = api_token_create(user=make_user(), name="t")
    api_token_revoke(token=issued.token)

    refused = client.get("/api/me/progress", headers=bearer(issued.secret))

    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]


def test_a_password_change_revokes_every_token(client: Client) -> None:
    learner = make_user()
    secrets = [token_for(learner), token_for(learner, "read")]
    other = token_for(make_user())

    user_password_set(user=learner, password="a-brand-new-passphrase")

    for secret in secrets:
        assert client.get("/api/me/progress", headers=bearer(secret)).status_code == 401
    assert client.get("/api/me/progress", headers=bearer(other)).status_code == 200
    assert set(ApiToken.objects.filter(user=learner).values_list("revoked_reason", flat=True)) == {
        "password changed"
    }


@pytest.mark.parametrize("role", [Role.AUTHOR, Role.ADMIN])
def test_a_password_changed_on_the_admins_own_page_revokes_every_token(
    client: Client, role: str
) -> None:
    staff = make_user(role=role)
    secret = token_for(staff, "read")
    browser = logged_in_with_password(staff)

    changed = browser.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )

    assert changed.status_code == 302
    assert client.get("/api/me/progress", headers=bearer(secret)).status_code == 401
    assert ApiToken.objects.get(user=staff).revoked_reason == "password changed"
    staff.refresh_from_db()
    assert staff.check_password("a-brand-new-passphrase")
    assert browser.get("/admin/").status_code == 200  # this session goes on


# ---- creation ----------------------------------------------------------------------------


def test_a_token_cannot_create_a_token(client: Client) -> None:
    learner = make_user()
    secret = token_for(learner, "read", "write")

    refused = post_json(client, "/api/me/tokens", {"name": "minted"}, headers=bearer(secret))

    assert refused.status_code == 403
    assert "A token cannot create tokens" in refused.json()["detail"]
    assert ApiToken.objects.count() == 1


def test_a_session_that_just_typed_its_password_creates_a_token_through_the_api() -> None:
    learner = make_user()
    browser = logged_in_with_password(learner)

    created = post_json(
        browser, "/api/me/tokens", {"name": "LMS sync", "scopes": ["read"], "days": 30}
    )

    assert created.status_code == 201
    body = created.json()
    assert body["scopes"] == ["read"] and body["secret"].startswith("bw_")
    assert Client().get("/api/me/progress", headers=bearer(body["secret"])).status_code == 200


def test_a_session_whose_password_is_old_must_type_it_again(client: Client) -> None:
    learner = make_user()
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        browser = logged_in_with_password(learner)
    with time_machine.travel(now + timedelta(minutes=16), tick=False):
        refused = post_json(browser, "/api/me/tokens", {"name": "late"})
        page = browser.post("/accounts/tokens/", {"name": "late", "scopes": ["read"], "days": "30"})
        browser.post("/accounts/confirm-password/", {"password": PASSWORD})
        again = post_json(browser, "/api/me/tokens", {"name": "now"})

    assert refused.status_code == 403 and "Type your password again" in refused.json()["detail"]
    assert page.status_code == 302 and page["Location"].startswith("/accounts/confirm-password/")
    assert again.status_code == 201
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["now"]


def test_a_session_logged_in_without_a_password_must_confirm_it_first(client: Client) -> None:
    client.force_login(make_user())
    page = client.get("/accounts/tokens/").content.decode()
    assert "Confirm your password" in page and "Create token" not in page

    wrong = client.post("/accounts/confirm-password/", {"password": "nope"})
    assert wrong.status_code == 400 and "That is not your password." in wrong.content.decode()
    right = client.post(
        "/accounts/confirm-password/", {"password": PASSWORD, "next": "https://evil.example/"}
    )
    assert right["Location"] == "/accounts/tokens/"  # never off-site
    assert "Create token" in client.get("/accounts/tokens/").content.decode()


def test_the_token_page_shows_scopes_and_expiry_and_offers_staff_only_to_staff() -> None:
    learner = make_user()
    browser = logged_in_with_password(learner)

    created = browser.post(
        "/accounts/tokens/", {"name": "Reader", "scopes": ["read"], "days": "7"}
    ).content.decode()
    staff_offer = browser.post(
        "/accounts/tokens/", {"name": "Sneaky", "scopes": ["staff"], "days": "7"}
    )

    token = ApiToken.objects.get()
    assert "read" in created and token.expires_at.strftime("%-d %b %Y") in created
    assert 'value="staff"' not in created
    assert staff_offer.status_code == 400
    assert ApiToken.objects.count() == 1
    author_page = logged_in_with_password(make_user(role=Role.AUTHOR)).get("/accounts/tokens/")
    assert 'value="staff"' in author_page.content.decode()


# ---- bad tokens --------------------------------------------------------------------------


def test_an_address_sending_invalid_tokens_is_locked_out_with_retry_after(
    client: Client,
) -> None:
    good = token_for(make_user())
    for n in range(20):
        response = client.get("/api/me/progress", headers=bearer(f"bw_guess{n}"))
        assert response.status_code == 401
        assert response.json()["detail"] == "Invalid API token."

    locked = client.get("/api/me/progress", headers=bearer("bw_guess-again"))

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert "Too many invalid API tokens from your network" in locked.json()["detail"]
    # A usable token was not guessed: it still works from there.
    assert client.get("/api/me/progress", headers=bearer(good)).status_code == 200
    # Another address is not affected.
    other = client.get("/api/me/progress", headers=bearer("bw_x"), REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_get_read_write_scopes_and_an_expiry_when_migrated() -> None:
    """Run the migration itself over a token made before scopes and expiry existed."""
    executor = MigrationExecutor(connection)
    before, after = (
        [("accounts", "0002_user_did")],
        [("accounts", "0003_token_scopes_throttles_audit_signups")],
    )
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldUser = old_apps.get_model("accounts", "User")
    OldToken = old_apps.get_model("accounts", "ApiToken")
    owner = OldUser.objects.create(email="old@example.org", password="x")
    OldToken.objects.create(user=owner, name="legacy", prefix="bw_abc", key_hash="0" * 64)

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    token = ApiToken.objects.get(name="legacy")
    assert token.scope_list == ["read", "write"]
    assert timezone.now() + timedelta(days=89) < token.expires_at
    assert token.expires_at < timezone.now() + timedelta(days=91)


def test_the_openapi_document_describes_the_token_scopes() -> None:
    from bitewise.api import api

    schemes = api.get_openapi_schema()["components"]["securitySchemes"]
    assert "`read` scope" in schemes["TokenAuth"]["description"]


def test_setting_a_password_with_createadmin_revokes_the_accounts_tokens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.management import call_command

    member = make_user(email="director@example.org")
    issued = api_token_create(user=member, name="t")
    monkeypatch.setenv("BITEWISE_ADMIN_PASSWORD", "a-fresh-admin-passphrase")

    call_command("createadmin", "--email", "director@example.org")

    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert issued.token.revoked_reason == "password changed"
