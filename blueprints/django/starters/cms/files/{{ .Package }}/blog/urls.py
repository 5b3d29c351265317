from django.urls import path

from . import views
from .feeds import LatestPostsFeed

app_name = "blog"
urlpatterns = [
    path("", views.PostListView.as_view(), name="post_list"),
    path("feed/", LatestPostsFeed(), name="feed"),
    path("category/<slug:slug>/", views.CategoryPostListView.as_view(), name="category"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
]
