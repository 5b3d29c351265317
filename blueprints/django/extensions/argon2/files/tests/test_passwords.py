"""The production hashers (config/settings/base.py): the tests themselves hash with fast MD5."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from config.settings import base

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_argon2_comes_first_and_older_hashers_remain():
    hashers = base.PASSWORD_HASHERS

    assert hashers[0] == ARGON2
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in hashers
    assert "django.contrib.auth.hashers.BCryptSHA256PasswordHasher" in hashers
    assert len(hashers) == len(set(hashers))


def test_a_new_password_is_hashed_with_argon2id(production_hashers):
    encoded = make_password("correct horse battery staple")

    assert encoded.startswith("argon2$argon2id$")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("correct horse battery staple", encoded)
    assert not check_password("wrong horse", encoded)


def test_a_pbkdf2_password_still_works_and_is_upgraded_at_login(
    production_hashers, client, user, password
):
    user.password = make_password(password, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    assert client.login(username=user.username, password=password)

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
