from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="profiles_create_profile")
def create_profile(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """A new user gets their profile (not while loaddata replays saved rows: raw)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)
