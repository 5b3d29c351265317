"""Cache and sessions: in Redis when REDIS_URL is set (django-redis), else in this process's memory
and the database. Against a Redis server: REDIS_URL=redis://localhost:6379/15 uv run pytest (the
tests empty that database)."""

import importlib
import os

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

REDIS = "django_redis.cache.RedisCache"
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
CACHED_DB = "django.contrib.sessions.backends.cached_db"
DB = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def _empty_cache():
    """A Redis cache outlives the test run: every test starts from an empty one."""
    cache.clear()


def signed_in_client(username: str, password: str) -> tuple[Client, str]:
    client = Client()
    assert client.login(username=username, password=password)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def client_with_session(session_key: str) -> Client:
    """A new client, as another browser (or another server behind the same balancer) sees it."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def test_a_cached_page_is_rendered_once_then_served_from_the_cache(client):
    first = client.get(reverse("cached"))
    second = client.get(reverse("cached"))

    assert first.status_code == second.status_code == 200
    assert first.templates[0].name == "core/cached.html"
    assert second.templates == []  # nothing rendered: the cache answered
    assert second.content == first.content


def test_a_cleared_cache_renders_the_page_again(client):
    client.get(reverse("cached"))

    cache.clear()

    assert client.get(reverse("cached")).templates[0].name == "core/cached.html"


def test_values_set_in_the_cache_are_read_back():
    cache.set("greeting", {"text": "hello"}, timeout=60)
    cache.add("visits", 0)
    cache.incr("visits")
    cache.incr("visits")

    assert cache.get("greeting") == {"text": "hello"}
    assert cache.get("visits") == 2
    assert cache.get("missing", "default") == "default"


def test_a_signed_in_session_works_from_a_second_client(superuser, password):
    """With REDIS_URL the second client is served from Redis: the session's database row (what
    cached_db falls back to) is deleted first. Without it the session is in the database only."""
    _, session_key = signed_in_client("admin", password)
    cache_key = importlib.import_module(CACHED_DB).SessionStore.cache_key_prefix + session_key

    if os.environ.get("REDIS_URL"):
        from django_redis import get_redis_connection

        assert cache.get(cache_key) is not None
        assert get_redis_connection("default").exists(cache.make_key(cache_key))
        Session.objects.filter(session_key=session_key).delete()
    else:
        assert cache.get(cache_key) is None
        assert Session.objects.filter(session_key=session_key).exists()
    response = client_with_session(session_key).get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.wsgi_request.user == superuser


def test_a_signed_out_session_is_gone_for_every_client(superuser, password):
    first, session_key = signed_in_client("admin", password)

    first.logout()
    response = client_with_session(session_key).get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_tests_use_redis_exactly_when_redis_url_is_set():
    if os.environ.get("REDIS_URL"):
        from django_redis import get_redis_connection

        assert settings.CACHES["default"]["BACKEND"] == REDIS
        assert settings.SESSION_ENGINE == CACHED_DB
        assert get_redis_connection("default").ping()
    else:
        assert settings.CACHES["default"]["BACKEND"] == LOCMEM
        assert settings.SESSION_ENGINE == DB


@pytest.mark.parametrize(
    ("redis_url", "backend", "session_engine"),
    [(None, LOCMEM, DB), ("", LOCMEM, DB), ("redis://cache.internal:6379/0", REDIS, CACHED_DB)],
)
def test_redis_url_picks_the_cache_and_the_session_engine(
    load_settings, redis_url, backend, session_engine
):
    base = load_settings("base", REDIS_URL=redis_url)

    assert base["CACHES"]["default"]["BACKEND"] == backend
    assert base["SESSION_ENGINE"] == session_engine
    if redis_url:
        assert base["CACHES"]["default"]["LOCATION"] == redis_url


def test_in_production_a_redis_outage_makes_cache_misses_not_errors(load_settings):
    prod = load_settings(
        "prod", REDIS_URL="redis://cache.internal:6379/0", DJANGO_SECRET_KEY="x" * 50
    )

    assert prod["CACHES"]["default"]["BACKEND"] == REDIS
    assert prod["CACHES"]["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    # The settings the tests run on are not touched.
    assert "IGNORE_EXCEPTIONS" not in settings.CACHES["default"].get("OPTIONS", {})
