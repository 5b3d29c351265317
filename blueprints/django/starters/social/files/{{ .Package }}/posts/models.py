from django.conf import settings
from django.db import models


class PostQuerySet(models.QuerySet):
    def feed_for(self, user):
        """The posts of the people user follows, newest first."""
        return (
            self.filter(author__followers__follower=user)
            .select_related("author")
            .order_by("-created_at", "-id")
        )


class Post(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="social_posts"
    )
    body = models.TextField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:50]}"
