from django.conf import settings
from django.db import models
from django.urls import reverse


class Profile(models.Model):
    """What a user shows others. Every user has one: signals.py creates it with the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(blank=True, max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return self.user.get_username()

    def get_absolute_url(self) -> str:
        return reverse("profiles:detail", args=[self.user.get_username()])

    @classmethod
    def of(cls, user) -> "Profile":
        """user's profile, made now for a user from before the profiles app (signals.py makes
        the others')."""
        return cls.objects.get_or_create(user=user)[0]


class Follow(models.Model):
    """follower follows followed: followed's posts are in follower's feed."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")), name="follow_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.follower} follows {self.followed}"
