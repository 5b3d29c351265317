from django.contrib import admin

from .models import Order, OrderItem


class OrderItemInline(admin.TabularInline):
    model = OrderItem
    extra = 0
    fields = ["product", "price", "quantity", "subtotal"]
    readonly_fields = ["subtotal"]
    autocomplete_fields = ["product"]

    @admin.display(description="subtotal")
    def subtotal(self, item: OrderItem):
        return item.subtotal if item.pk else "-"


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["id", "full_name", "email", "status", "total", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["full_name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["user", "total", "created_at", "updated_at"]
    inlines = [OrderItemInline]
