from django.urls import path

from . import views
from .feeds import LatestPostsFeed

app_name = "blog"
urlpatterns = [
    path("", views.PostListView.as_view(), name="post_list"),
    # A slug has no dot, so no post can take the feed's address (at "feed/" a post with the slug
    # "feed" could never be opened).
    path("feed.xml", LatestPostsFeed(), name="feed"),
    path("category/<slug:slug>/", views.CategoryPostListView.as_view(), name="category"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
]
