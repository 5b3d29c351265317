"""Async views run, and the production server is configured for many concurrent requests."""

import inspect
import runpy
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient


def test_the_async_view_awaits_both_calls(client: FlaskClient) -> None:
    response = client.get("/async/fan-out")

    assert response.status_code == 200
    assert response.get_json()["results"] == [
        "inventory answered after 0.05s",
        "pricing answered after 0.05s",
    ]


def test_the_view_is_a_coroutine_function(app: Flask) -> None:
    assert inspect.iscoroutinefunction(app.view_functions["async_demo.fan_out"])


def test_gunicorn_uses_gevent_workers() -> None:
    settings = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))

    assert settings["worker_class"] == "gevent"
    assert settings["worker_connections"] >= 1
    __import__("gevent")  # installed, or the workers would not start
