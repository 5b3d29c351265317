"""The production settings (config/settings/prod.py), loaded with the variables a deploy sets."""

import pytest
from django.core.exceptions import ImproperlyConfigured

PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-production-key-for-the-tests-only-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "example.com",
    "DJANGO_SECURE_SSL_REDIRECT": None,  # unset: production's default
}


def test_production_is_https_only_with_secure_cookies(load_settings):
    prod = load_settings("prod", **PRODUCTION)

    assert prod["DEBUG"] is False
    assert prod["ALLOWED_HOSTS"] == ["example.com"]
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["SECURE_HSTS_SECONDS"] > 0
    assert prod["SESSION_COOKIE_SECURE"] is True
    assert prod["CSRF_COOKIE_SECURE"] is True
    assert prod["SESSION_COOKIE_HTTPONLY"] is True
    assert prod["X_FRAME_OPTIONS"] == "DENY"
    assert prod["SECURE_CONTENT_TYPE_NOSNIFF"] is True


def test_production_refuses_to_start_without_a_secret_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        load_settings("prod", **{**PRODUCTION, "DJANGO_SECRET_KEY": None})
