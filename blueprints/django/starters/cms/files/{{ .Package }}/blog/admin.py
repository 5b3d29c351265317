from django.contrib import admin

from .models import Category, Post


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "status", "published_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "content"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    list_select_related = ["author", "category"]
    autocomplete_fields = ["author", "category"]

    def get_changeform_initial_data(self, request):
        # A new post is written by whoever opens the form, unless they pick someone else.
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}
