from django.contrib import admin

from .models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "created_at")
    list_filter = ("created_at", "owner")
    search_fields = ("title", "body", "owner__username")
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    date_hierarchy = "created_at"
