from django.db import models


class WebhookEvent(models.Model):
    """An event a side service received and forwarded: stored once per event_id, however often
    the sender delivers it."""

    event_id = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=40)
    type = models.CharField(max_length=200, blank=True)
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} {self.type} {self.event_id}"
