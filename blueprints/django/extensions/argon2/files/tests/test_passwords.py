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


# Hashes made before Argon2 was the first hasher: Django's PBKDF2 default, and bcrypt_sha256
# (which needs the bcrypt package: without it, checking one is a ValueError, a 500 at login).
OLDER_HASHERS = ["pbkdf2_sha256", "bcrypt_sha256"]


@pytest.mark.parametrize("hasher", OLDER_HASHERS)
def test_an_older_hash_still_works_and_is_upgraded_at_login(
    production_hashers, client, user, password, hasher
):
    user.password = make_password(password, hasher=hasher)
    user.save(update_fields=["password"])
    assert user.password.startswith(f"{hasher}$")

    assert client.login(username=user.username, password=password)

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(password)


@pytest.mark.parametrize("hasher", OLDER_HASHERS)
def test_check_password_accepts_an_older_hash_and_upgrades_it(
    production_hashers, user, password, hasher
):
    user.password = make_password(password, hasher=hasher)
    user.save(update_fields=["password"])

    assert not user.check_password("wrong horse")
    assert user.check_password(password)

    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
