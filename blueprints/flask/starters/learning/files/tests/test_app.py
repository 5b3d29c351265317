"""The prototype's behaviour: a page, a health check and a JSON endpoint."""

import pytest
from flask.testing import FlaskClient

from app import app


@pytest.fixture
def client() -> FlaskClient:
    app.config["TESTING"] = True
    return app.test_client()


def test_the_page_greets_by_name_and_escapes_it(client: FlaskClient) -> None:
    assert "Hello, world!" in client.get("/").text
    assert "Hello, Ada!" in client.get("/?name=Ada").text
    assert "<script>" not in client.get("/?name=<script>").text


def test_health(client: FlaskClient) -> None:
    assert client.get("/health").get_json() == {"status": "ok"}


def test_echo_sends_back_json_and_refuses_the_rest(client: FlaskClient) -> None:
    assert client.post("/api/echo", json={"a": 1}).get_json() == {"you_sent": {"a": 1}}
    assert client.post("/api/echo", data="not json").status_code == 400
