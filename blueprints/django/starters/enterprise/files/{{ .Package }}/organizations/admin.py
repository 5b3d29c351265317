from django.contrib import admin

from .models import Membership, Organization, Project

AUDIT_FIELDS = ["created_by", "created_at", "updated_by", "updated_at"]


class AuditedAdmin(admin.ModelAdmin):
    """Shows the audit fields read-only and fills them from the signed-in user, inlines included."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *AUDIT_FIELDS]

    def save_model(self, request, obj, form, change):
        obj.stamp(request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            instance.stamp(request.user)
            instance.save()
        formset.save_m2m()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "created_by", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["created_by"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organization", "role", "updated_by", "updated_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "organization__name"]
    list_select_related = ["user", "organization", "updated_by"]
    autocomplete_fields = ["user", "organization"]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "organization", "status", "due_date", "updated_by", "updated_at"]
    list_filter = ["status", "organization"]
    search_fields = ["name", "description"]
    list_select_related = ["organization", "updated_by"]
    autocomplete_fields = ["organization"]
