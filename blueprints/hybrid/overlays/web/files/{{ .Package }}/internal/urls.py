from django.urls import path

from . import views

app_name = "internal"

urlpatterns = [
    path("events/", views.events, name="events"),
]
