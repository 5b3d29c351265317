from django.contrib import admin

from .models import WebhookEvent


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "source", "type", "received_at")
    list_filter = ("source", "type")
    search_fields = ("event_id", "type")
    date_hierarchy = "received_at"
    readonly_fields = ("event_id", "source", "type", "payload", "received_at")
