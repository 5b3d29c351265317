from django.contrib import admin

from .models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["author", "body", "created_at"]
    search_fields = ["body", "author__username"]
    date_hierarchy = "created_at"
    list_select_related = ["author"]
    raw_id_fields = ["author"]
