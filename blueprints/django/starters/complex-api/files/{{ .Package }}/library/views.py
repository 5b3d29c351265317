from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, permissions, viewsets
from rest_framework.versioning import NamespaceVersioning

from .filters import BookFilter
from .models import Author, Book
from .permissions import CreatorOrStaffChanges, StaffWritesOthersRead
from .serializers import AuthorSerializer, BookSerializer


class V1:
    """The version comes from the URL namespace (api/v1/ is namespace "v1")."""

    versioning_class = NamespaceVersioning


class AuthorViewSet(V1, viewsets.ModelViewSet):
    queryset = Author.objects.all()
    serializer_class = AuthorSerializer
    permission_classes = [permissions.IsAuthenticated, StaffWritesOthersRead]
    filter_backends = [filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["name"]
    ordering_fields = ["name", "created_at"]


class BookViewSet(V1, viewsets.ModelViewSet):
    queryset = Book.objects.select_related("author", "created_by")
    serializer_class = BookSerializer
    permission_classes = [permissions.IsAuthenticated, CreatorOrStaffChanges]
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_class = BookFilter
    search_fields = ["title", "author__name"]
    ordering_fields = ["title", "published_on", "pages"]

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)
