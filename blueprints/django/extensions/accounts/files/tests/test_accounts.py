import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

NEW_PASSWORD = "another-long-password-5678"


def signed_in_user_id(client):
    """The primary key of the user the client's session belongs to, or None."""
    user_id = client.session.get(SESSION_KEY)
    return int(user_id) if user_id is not None else None


def sign_up(client, password, **fields):
    """Post the sign-up form for bob, with fields in place of the defaults."""
    form = {
        "username": "bob",
        "email": "bob@example.com",
        "password1": password,
        "password2": password,
    }
    return client.post(reverse("signup"), {**form, **fields})


@pytest.mark.django_db
def test_sign_up_creates_the_user_and_signs_them_in(client, password):
    response = sign_up(client, password)

    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)
    bob = get_user_model().objects.get(username="bob")
    assert bob.email == "bob@example.com"
    assert bob.check_password(password)
    assert signed_in_user_id(client) == bob.pk


@pytest.mark.django_db
def test_sign_up_refuses_passwords_that_differ(client, password):
    response = sign_up(client, password, password2=password + "x")

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="bob").exists()
    assert signed_in_user_id(client) is None


def test_sign_up_refuses_an_e_mail_address_already_used(client, user, password):
    response = sign_up(client, password, email=user.email.upper())

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not get_user_model().objects.filter(username="bob").exists()


def test_the_pages_use_the_site_template(client, db):
    for name in ("login", "signup", "password_reset"):
        response = client.get(reverse(name))

        assert response.status_code == 200
        assert "base.html" in [template.name for template in response.templates]
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_sign_in_with_the_right_password(client, user, password):
    response = client.post(reverse("login"), {"username": user.username, "password": password})

    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(client) == user.pk


def test_sign_in_with_a_wrong_password_is_refused(client, user):
    response = client.post(
        reverse("login"), {"username": user.username, "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert signed_in_user_id(client) is None


def test_the_navigation_follows_the_session(client, user):
    anonymous = client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("login")}"' in anonymous
    assert f'action="{reverse("logout")}"' not in anonymous

    client.force_login(user)
    signed_in = client.get(reverse("core:home")).content.decode()
    assert f'action="{reverse("logout")}"' in signed_in
    assert f'href="{reverse("login")}"' not in signed_in


def test_sign_out_is_post_only(client, user):
    client.force_login(user)

    assert client.get(reverse("logout")).status_code == 405
    assert signed_in_user_id(client) == user.pk

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == resolve_url(settings.LOGOUT_REDIRECT_URL)
    assert signed_in_user_id(client) is None


def test_password_change_needs_a_signed_in_user(client, db):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url == f"{resolve_url(settings.LOGIN_URL)}?next={reverse('password_change')}"


def test_password_change_keeps_the_user_signed_in(client, user, password):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # The session survives the change (its hash is updated), so the user stays signed in.
    assert client.get(reverse("password_change")).status_code == 200


def test_password_change_refuses_a_wrong_old_password(client, user, password):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not-the-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    user.refresh_from_db()
    assert user.check_password(password)


def test_password_reset_e_mails_a_link_that_sets_a_new_password(client, user, password):
    response = client.post(reverse("password_reset"), {"email": user.email})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert link, message.body

    # The link redirects to a form under a URL without the token (kept in the session).
    form_page = client.get(link.group(1), follow=True)
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")

    # The new password signs in, the old one no longer does, and the link is spent.
    signed_in = client.post(reverse("login"), {"username": user.username, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in_user_id(client) == user.pk
    client.post(reverse("logout"))
    refused = client.post(reverse("login"), {"username": user.username, "password": password})
    assert refused.status_code == 200
    assert signed_in_user_id(client) is None
    assert not client.get(link.group(1), follow=True).context["validlink"]


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.django_db
def test_sign_up_then_sign_in_change_the_password_and_sign_out(client, password):
    """One account through its life, each step on what the one before left."""
    signed_up = sign_up(client, password)
    bob = get_user_model().objects.get(username="bob")
    assert signed_up.status_code == 302
    assert signed_in_user_id(client) == bob.pk

    # Another browser signs in with the password chosen at sign-up.
    browser = Client()
    signed_in = browser.post(reverse("login"), {"username": "bob", "password": password})
    assert signed_in.status_code == 302
    assert signed_in.url == resolve_url(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(browser) == bob.pk

    changed = browser.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert changed.url == reverse("password_change_done")
    assert browser.get(reverse("password_change_done")).status_code == 200
    # The change signs out every other session: the sign-up one is sent to the login page.
    assert client.get(reverse("password_change")).url.startswith(resolve_url(settings.LOGIN_URL))

    signed_out = browser.post(reverse("logout"))
    assert signed_out.status_code == 302
    assert signed_out.url == resolve_url(settings.LOGOUT_REDIRECT_URL)
    assert signed_in_user_id(browser) is None
    assert browser.get(reverse("password_change")).status_code == 302

    # Only the new password signs in now.
    with_old = browser.post(reverse("login"), {"username": "bob", "password": password})
    assert with_old.status_code == 200
    assert signed_in_user_id(browser) is None
    with_new = browser.post(reverse("login"), {"username": "bob", "password": NEW_PASSWORD})
    assert with_new.status_code == 302
    assert signed_in_user_id(browser) == bob.pk
