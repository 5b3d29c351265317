from django.urls import path

from . import views

app_name = "direct_messages"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.conversation_detail, name="conversation"),
    path("with/<str:username>/", views.start, name="start"),
]
