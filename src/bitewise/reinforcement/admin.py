from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
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


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "time_zone"]
    search_fields = ["title"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "is_active"]
    inlines = [StepInline]


@admin.register(EventRegistration)
class EventRegistrationAdmin(PersonalDataAdmin):
    list_display = ["learner", "event", "source", "created_at"]
    raw_id_fields = ["learner"]


@admin.register(Delivery)
class DeliveryAdmin(PersonalDataAdmin):
    list_display = ["learner", "step", "channel", "due_at", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel"]
    raw_id_fields = ["learner"]
    readonly_fields = ["message_id", "claimed_at", "handed_at", "sent_at", "error"]


@admin.register(EmailAddressStatus)
class EmailAddressStatusAdmin(PersonalDataAdmin):
    list_display = ["email", "status", "reason", "updated_at"]
    search_fields = ["email"]


admin.site.register(Unsubscribe, PersonalDataAdmin)
admin.site.register(TopicDigest, PersonalDataAdmin)
