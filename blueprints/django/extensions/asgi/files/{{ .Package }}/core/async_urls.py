from django.urls import path

from . import async_views

urlpatterns = [
    path("ready", async_views.ready, name="ready"),
]
