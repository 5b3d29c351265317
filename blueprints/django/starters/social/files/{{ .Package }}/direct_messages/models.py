from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class ConversationQuerySet(models.QuerySet):
    def of(self, user):
        """The conversations user takes part in: all that user may read."""
        return self.filter(Q(user_a=user) | Q(user_b=user))


class Conversation(models.Model):
    """The messages between two users; only those two may read it.

    The pair is stored in id order (user_a.pk < user_b.pk), so two users have one conversation.
    """

    user_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    user_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user_a", "user_b"], name="one_conversation_a_pair"),
            models.CheckConstraint(
                condition=Q(user_a__lt=models.F("user_b")), name="conversation_pair_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_a} and {self.user_b}"

    def get_absolute_url(self) -> str:
        return reverse("direct_messages:conversation", args=[self.pk])

    @classmethod
    def between(cls, one, other) -> "Conversation":
        """The conversation of two different users, created the first time."""
        if one.pk == other.pk:
            raise ValueError("a conversation needs two different users")
        first, second = sorted([one, other], key=lambda user: user.pk)
        conversation, _ = cls.objects.get_or_create(user_a=first, user_b=second)
        return conversation

    def other(self, user):
        return self.user_b if user.pk == self.user_a_id else self.user_a

    def send(self, sender, body: str) -> "Message":
        if sender.pk not in (self.user_a_id, self.user_b_id):
            raise PermissionError(f"{sender} is not in this conversation")
        message = self.messages.create(sender=sender, body=body)
        self.save(update_fields=["updated_at"])
        return message


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.sender}: {self.body[:50]}"
