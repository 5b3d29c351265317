"""The main application on a throwaway SQLite database with one user, and every side service,
started once for the session; Redis and PostgreSQL are not needed."""

import json
import os
import subprocess
from collections.abc import Iterator

import pytest

from .processes import SERVICES, Service, request, start

USERNAME, PASSWORD = "alice", "a-long-cross-service-password-1234"


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("web")
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "REDIS_URL": "",  # a cache in the process: no Redis needed
        "DJANGO_SUPERUSER_USERNAME": USERNAME,
        "DJANGO_SUPERUSER_EMAIL": "alice@example.com",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    python = str(SERVICES / "web" / ".venv" / "bin" / "python")
    for command in (["migrate", "--noinput"], ["createsuperuser", "--noinput"]):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=SERVICES / "web",
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
    yield from start("web", tmp, env)


@pytest.fixture(scope="session")
def tokens(web: Service) -> dict[str, str]:
    body = json.dumps({"username": USERNAME, "password": PASSWORD}).encode()
    status, data = request(
        "POST", web.url + "/api/token/", body, {"Content-Type": "application/json"}
    )
    assert status == 200, data
    return data


@pytest.fixture(scope="session")
def services(
    web: Service, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Service]]:
    """Every side service, started once; the webhooks service forwards to this main app."""
    tmp = tmp_path_factory.mktemp("services")
    names = sorted(
        p.parent.name for p in SERVICES.glob("*/pyproject.toml") if p.parent.name != "web"
    )
    started: dict[str, Service] = {}
    generators = []
    try:
        for name in names:
            env = {"FLASK_CONFIG": "production", "MAIN_APP_URL": web.url}
            gen = start(name, tmp, env)
            started[name] = next(gen)
            generators.append(gen)
        yield started
    finally:
        for gen in generators:
            gen.close()
