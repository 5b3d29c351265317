import django_filters

from .models import Note


class NoteFilter(django_filters.FilterSet):
    """Query-string filters of /api/notes/; an invalid value answers 400."""

    title = django_filters.CharFilter(lookup_expr="icontains")
    created_after = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = Note
        fields = ["title", "created_after", "created_before"]
