"""Events, campaigns, registrations and the email outbox are made on the staff pages,
through the reinforcement services (offsets checked, deliveries planned, one-click
unsubscribes honoured): read-only here, with a link to the event's staff page."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin
from bitewise.reinforcement.models import (
    Campaign,
    Delivery,
    EmailAddressStatus,
    Event,
    EventRegistration,
    Step,
    TopicDigest,
    Unsubscribe,
)


class StepInline(admin.TabularInline):
    model = Step
    extra = 0

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "starts_at", "time_zone", "manage"]
    search_fields = ["title"]

    @admin.display(description="Staff page")
    def manage(self, obj: Event) -> str:
        url = reverse("reinforcement_staff:event", kwargs={"event_id": obj.pk})
        return format_html('<a href="{}">Campaigns and registrations</a>', url)


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "event", "is_active"]
    inlines = [StepInline]


@admin.register(EventRegistration)
class EventRegistrationAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "event", "source", "created_at"]
    list_select_related = ["learner", "event"]


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["learner", "step", "channel", "due_at", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel"]
    list_select_related = ["learner", "step"]


@admin.register(EmailAddressStatus)
class EmailAddressStatusAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["email", "status", "reason", "updated_at"]
    search_fields = ["email"]


@admin.register(Unsubscribe)
class UnsubscribeAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    pass


@admin.register(TopicDigest)
class TopicDigestAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    pass
