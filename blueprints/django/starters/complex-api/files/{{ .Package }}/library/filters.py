import django_filters

from .models import Book


class BookFilter(django_filters.FilterSet):
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte")
    min_pages = django_filters.NumberFilter(field_name="pages", lookup_expr="gte")

    class Meta:
        model = Book
        fields = ["author", "genre"]
