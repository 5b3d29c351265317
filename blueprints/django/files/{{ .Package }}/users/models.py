from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user (settings.AUTH_USER_MODEL), in place from the first migration.

    It has Django's usual fields (username, email, names, staff and active flags). Add your own
    here and run makemigrations: swapping the user model later, once data exists, is much harder.
    Refer to it as settings.AUTH_USER_MODEL in foreign keys and get_user_model() in code.
    """
