"""Read-only admin lists: every change goes through the membership services and their
staff pages (which audit it), never through a bare admin form."""

from __future__ import annotations

from django.contrib import admin

from bitewise.accounts.admin_audit import PersonalDataAdmin
from bitewise.common.admin import ReadOnlyAdmin
from bitewise.membership.models import (
    AccessRule,
    Membership,
    Order,
    Plan,
    RosterImport,
    SeatPool,
    Subscription,
    WebhookEvent,
)


@admin.register(Membership)
class MembershipAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["person", "member_id", "tier", "status", "expires_on", "source"]
    list_filter = ["status", "tier", "source"]
    search_fields = ["person__email", "member_id"]


@admin.register(AccessRule)
class AccessRuleAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "mode", "min_tier", "price", "member_price", "currency"]
    list_filter = ["mode"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["name", "interval", "price", "currency", "is_active"]


@admin.register(Subscription)
class SubscriptionAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["person", "plan", "status", "current_period_end", "cancel_at_period_end"]
    list_filter = ["status", "plan"]
    search_fields = ["person__email", "provider_ref"]


@admin.register(SeatPool)
class SeatPoolAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["name", "used", "quantity", "plan", "rule", "ended_at"]


@admin.register(Order)
class OrderAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["created_at", "buyer", "description", "amount", "currency", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["buyer__email", "reference", "payment_ref", "checkout_session"]


@admin.register(WebhookEvent)
class WebhookEventAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "event_id", "type", "outcome"]
    search_fields = ["event_id"]


@admin.register(RosterImport)
class RosterImportAdmin(PersonalDataAdmin, ReadOnlyAdmin):
    list_display = ["created_at", "created_by", "source", "filename", "total"]
