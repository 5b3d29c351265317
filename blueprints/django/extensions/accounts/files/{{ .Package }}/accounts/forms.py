from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model


class SignUpForm(auth_forms.UserCreationForm):
    """Sign-up for the project's user model: a user name, an e-mail address and a password twice.

    The e-mail address is required and used once only, so password reset can reach the account.
    """

    email = forms.EmailField(
        label="E-mail address",
        help_text="Where a password reset link is sent.",
    )

    class Meta(auth_forms.UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if self._meta.model.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this e-mail address already exists.")
        return email
