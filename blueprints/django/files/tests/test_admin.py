from django.urls import reverse

CHANGELIST = "admin:users_user_changelist"


def test_anonymous_admin_access_redirects_to_login(client, db):
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_superuser_sees_the_users_changelist(client, superuser, user, password):
    assert client.login(username=superuser.username, password=password)

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    page = response.content.decode()
    for column in ("username", "email", "first_name", "last_name", "is_staff", "date_joined"):
        assert f"column-{column}" in page
    assert 'id="searchbar"' in page
    assert "alice@example.com" in page


def test_the_admin_search_finds_a_user(client, superuser, user, password):
    client.login(username=superuser.username, password=password)

    response = client.get(reverse(CHANGELIST), {"q": "alice"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_the_admin_add_user_page_renders(client, superuser, password):
    client.login(username=superuser.username, password=password)

    response = client.get(reverse("admin:users_user_add"))

    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()
