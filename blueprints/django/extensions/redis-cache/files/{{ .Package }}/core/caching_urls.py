from django.urls import path

from . import caching

urlpatterns = [
    path("", caching.cached_page, name="cached"),
]
