from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import MembershipViewSet, OrganizationViewSet, ProjectViewSet

app_name = "organizations"

router = SimpleRouter()
router.register("organizations", OrganizationViewSet)
router.register("memberships", MembershipViewSet)
router.register("projects", ProjectViewSet)

urlpatterns = [
    path("", include(router.urls)),
]
