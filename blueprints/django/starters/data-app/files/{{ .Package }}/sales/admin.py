from django.contrib import admin

from .models import Sale


@admin.register(Sale)
class SaleAdmin(admin.ModelAdmin):
    list_display = ["date", "region", "product", "quantity", "unit_price", "revenue"]
    list_filter = ["region", "date"]
    search_fields = ["product"]
    date_hierarchy = "date"
    readonly_fields = ["imported_at"]

    @admin.display(description="revenue")
    def revenue(self, sale: Sale):
        return sale.revenue
