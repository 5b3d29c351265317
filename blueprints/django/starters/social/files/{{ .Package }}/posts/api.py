"""The feed for API clients (mobile, a JavaScript front end): signed-in users only, as every
endpoint (REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES)."""

from rest_framework import generics

from .models import Post
from .serializers import PostSerializer


class FeedAPIView(generics.ListAPIView):
    """GET: the posts of the people the signed-in user follows, newest first, paginated."""

    serializer_class = PostSerializer

    def get_queryset(self):
        return Post.objects.feed_for(self.request.user)


class PostCreateAPIView(generics.CreateAPIView):
    """POST {"body": "..."}: a post by the signed-in user."""

    serializer_class = PostSerializer
    queryset = Post.objects.all()

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)
