from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .views import NoteViewSet

app_name = "api"

router = DefaultRouter()
router.register("notes", NoteViewSet)

urlpatterns = [
    path("", include(router.urls)),
]
