from django.conf import settings
from django.contrib.auth import authenticate, get_user_model


def test_the_project_user_model_is_active():
    assert settings.AUTH_USER_MODEL == "users.User"
    assert get_user_model()._meta.label == "users.User"


def test_a_user_made_by_the_manager_can_authenticate(user, password):
    assert user.pk is not None
    assert user.check_password(password)
    assert authenticate(username="alice", password=password) == user


def test_a_wrong_password_is_refused(user):
    assert authenticate(username="alice", password="not-the-password") is None
    assert not user.check_password("not-the-password")


def test_a_superuser_is_staff(superuser):
    assert superuser.is_staff
    assert superuser.is_superuser
