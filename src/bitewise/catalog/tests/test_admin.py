"""The catalog's Django admin over its real HTTP routes: an author edits, but only the
services publish, retire or delete, and only for an admin."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import User
from bitewise.catalog import services
from bitewise.catalog.models import (
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    Status,
)
from bitewise.catalog.tests.admin_forms import (
    action,
    inline,
    micro_credential_form,
    pathway_form,
)
from bitewise.learning.models import Award
from bitewise.testing import (
    earn,
    make_lesson,
    make_micro_credential,
    make_pathway,
    make_user,
)

pytestmark = pytest.mark.django_db


class TestAnAuthorCannotPublishThroughTheAdmin:
    def test_the_status_field_of_a_micro_credential_is_read_only(
        self, client: Client, author: User
    ) -> None:
        draft = make_micro_credential(publish=False)

        response = client.post(
            f"/admin/catalog/microcredential/{draft.pk}/change/",
            micro_credential_form(draft, title="Renamed", status="published"),
        )

        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.title == "Renamed"  # the edit itself went through
        assert draft.status == Status.DRAFT and draft.published_at is None

    def test_retiring_by_editing_the_status_does_nothing(
        self, client: Client, author: User
    ) -> None:
        published = make_micro_credential()

        client.post(
            f"/admin/catalog/microcredential/{published.pk}/change/",
            micro_credential_form(published, status="retired"),
        )

        assert MicroCredential.objects.get(pk=published.pk).status == Status.PUBLISHED

    def test_a_pathway_added_as_published_is_a_draft(self, client: Client, author: User) -> None:
        member = make_micro_credential()

        response = client.post(
            "/admin/catalog/pathway/add/",
            pathway_form(member, status="published", published_at="2024-01-01 00:00:00"),
        )

        assert response.status_code == 302
        pathway = Pathway.objects.get()
        assert pathway.status == Status.DRAFT and pathway.published_at is None
        assert list(pathway.micro_credentials.all()) == [member]

    def test_an_earner_gets_no_pathway_award_from_an_author_made_pathway(
        self, client: Client, author: User
    ) -> None:
        member = make_micro_credential()
        added = client.post("/admin/catalog/pathway/add/", pathway_form(member, status="published"))
        assert added.status_code == 302

        learner = make_user()
        earn(learner, member)

        assert not Award.objects.filter(learner=learner, pathway__isnull=False).exists()

    @pytest.mark.parametrize("name", ["publish", "retire", "delete_drafts"])
    def test_the_status_actions_are_refused(self, client: Client, author: User, name: str) -> None:
        draft = make_micro_credential(publish=False)
        published = make_micro_credential()

        action(client, "microcredential", name, draft, published)

        assert MicroCredential.objects.get(pk=draft.pk).status == Status.DRAFT
        assert MicroCredential.objects.get(pk=published.pk).status == Status.PUBLISHED

    def test_the_pathway_actions_are_refused(self, client: Client, author: User) -> None:
        pathway = services.pathway_save(
            pathway=Pathway(title="P"), micro_credential_ids=[make_micro_credential().pk]
        )

        action(client, "pathway", "publish", pathway)

        assert Pathway.objects.get(pk=pathway.pk).status == Status.DRAFT

    def test_deleting_a_micro_credential_is_refused(self, client: Client, author: User) -> None:
        draft = make_micro_credential(publish=False)

        response = client.post(
            f"/admin/catalog/microcredential/{draft.pk}/delete/", {"post": "yes"}
        )

        assert response.status_code == 403
        assert MicroCredential.objects.filter(pk=draft.pk).exists()

    def test_django_bulk_delete_is_not_offered(self, client: Client, author: User) -> None:
        published = make_micro_credential()

        action(client, "microcredential", "delete_selected", published)

        assert MicroCredential.objects.filter(pk=published.pk).exists()


class TestAnAdminPublishesThroughTheServices:
    def test_the_publish_action_publishes_a_micro_credential(
        self, client: Client, admin_user: User
    ) -> None:
        draft = make_micro_credential(publish=False)

        page = action(client, "microcredential", "publish", draft).content.decode()

        assert "1 published." in page
        draft.refresh_from_db()
        assert draft.status == Status.PUBLISHED and draft.published_at is not None
        assert MicroCredentialVersion.objects.filter(micro_credential=draft).exists()

    def test_the_publish_checks_still_apply_and_are_shown(
        self, client: Client, admin_user: User
    ) -> None:
        empty = services.micro_credential_save(micro_credential=MicroCredential(title="Empty"))
        empty_pathway = services.pathway_save(pathway=Pathway(title="Nothing in it"))

        mc_page = action(client, "microcredential", "publish", empty).content.decode()
        pathway_page = action(client, "pathway", "publish", empty_pathway).content.decode()

        assert "Add at least one lesson before publishing." in mc_page
        assert "Add micro-credentials before publishing." in pathway_page
        assert MicroCredential.objects.get(pk=empty.pk).status == Status.DRAFT
        assert Pathway.objects.get(pk=empty_pathway.pk).status == Status.DRAFT

    def test_the_retire_actions_retire(self, client: Client, admin_user: User) -> None:
        published = make_micro_credential()
        pathway = make_pathway([published])

        action(client, "microcredential", "retire", published)
        action(client, "pathway", "retire", pathway)

        assert MicroCredential.objects.get(pk=published.pk).status == Status.RETIRED
        assert Pathway.objects.get(pk=pathway.pk).status == Status.RETIRED

    def test_only_drafts_are_deleted(self, client: Client, admin_user: User) -> None:
        draft = make_micro_credential(publish=False)
        published = make_micro_credential()

        page = action(client, "microcredential", "delete_drafts", draft, published)
        refused = client.post(
            f"/admin/catalog/microcredential/{published.pk}/delete/", {"post": "yes"}
        )

        assert "Only a draft can be deleted" in page.content.decode()
        assert refused.status_code == 403
        assert list(MicroCredential.objects.all()) == [published]

    def test_an_edit_in_the_admin_reorders_lessons_through_the_service(
        self, client: Client, admin_user: User
    ) -> None:
        mc = make_micro_credential(publish=False, quiz=False, lessons=2)
        first, second = mc.memberships.order_by("position")
        extra = make_lesson(minutes=7)
        rows = [
            {"id": first.pk, "micro_credential": mc.pk, "lesson": first.lesson_id, "position": 5},
            {"id": second.pk, "micro_credential": mc.pk, "lesson": second.lesson_id, "position": 1},
            {"micro_credential": mc.pk, "lesson": extra.pk, "position": 9},
        ]
        form = micro_credential_form(mc) | inline("memberships", rows, initial=2)

        response = client.post(f"/admin/catalog/microcredential/{mc.pk}/change/", form)

        assert response.status_code == 302
        order = list(mc.memberships.order_by("position").values_list("lesson_id", flat=True))
        assert order == [second.lesson_id, first.lesson_id, extra.pk]
        mc.refresh_from_db()
        assert mc.estimated_minutes == 3 + 3 + 7

    def test_a_pathway_that_asks_for_more_than_it_holds_is_a_form_error(
        self, client: Client, admin_user: User
    ) -> None:
        member = make_micro_credential()

        response = client.post(
            "/admin/catalog/pathway/add/",
            pathway_form(member, rule="n_of", required_count=3),
        )

        assert response.status_code == 200
        assert "Cannot require more micro-credentials than the list holds." in (
            response.content.decode()
        )
        assert not Pathway.objects.exists()
