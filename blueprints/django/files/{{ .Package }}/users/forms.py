from django.contrib.auth import forms as auth_forms

from .models import User


class UserAdminCreationForm(auth_forms.AdminUserCreationForm):
    """The admin's "add user" form, bound to the project's user model."""

    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User


class UserAdminChangeForm(auth_forms.UserChangeForm):
    """The admin's user edit form, bound to the project's user model."""

    class Meta(auth_forms.UserChangeForm.Meta):
        model = User
