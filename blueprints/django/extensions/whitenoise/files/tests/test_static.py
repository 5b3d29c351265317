import importlib

from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_whitenoise_serves_a_static_file(client):
    response = client.get(static("css/site.css"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content)


def test_whitenoise_comes_right_after_the_security_middleware():
    middleware = settings.MIDDLEWARE
    security = middleware.index("django.middleware.security.SecurityMiddleware")

    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_production_compresses_and_hashes_while_tests_use_plain_storage(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    prod = importlib.import_module("config.settings.prod")

    assert prod.STORAGES["staticfiles"]["BACKEND"] == MANIFEST
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_collectstatic_writes_hashed_compressed_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    # Only the project's own static folder, not every app's: the test stays fast.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]

    call_command("collectstatic", "--noinput", verbosity=0)

    hashed = [path.name for path in (tmp_path / "css").glob("site.*.css")]
    assert hashed, "no content-hashed copy of css/site.css"
    assert (tmp_path / "css" / f"{hashed[0]}.gz").exists()
    assert (tmp_path / "staticfiles.json").exists()
