from django.urls import path

from .api import FeedAPIView, PostCreateAPIView

app_name = "social_api"
urlpatterns = [
    path("feed/", FeedAPIView.as_view(), name="feed"),
    path("posts/", PostCreateAPIView.as_view(), name="post_create"),
]
