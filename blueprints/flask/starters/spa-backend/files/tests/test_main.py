"""The root, the health check and the error responses: JSON, whatever the client accepts."""

import pytest
from flask import Flask
from flask.testing import FlaskClient


def test_the_root_says_where_the_api_is_described(client: FlaskClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert response.json is not None
    assert response.json["openapi"] == "/openapi.json"
    assert client.get(response.json["openapi"]).status_code == 200


def test_health_answers_ok(client: FlaskClient) -> None:
    assert client.get("/health").json == {"status": "ok"}


@pytest.mark.parametrize("accept", ["text/html", "application/json", "*/*"])
def test_errors_are_json_even_for_browsers(client: FlaskClient, accept: str) -> None:
    response = client.get("/no-such-page", headers={"Accept": accept})

    assert response.status_code == 404
    assert response.json == {
        "error": "Not Found",
        "message": response.json["message"],
        "status": 404,
    }


def test_an_unhandled_exception_is_a_json_500_that_hides_the_details(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("something broke")

    response = app.test_client().get("/boom")

    assert response.status_code == 500
    assert response.json is not None and response.json["status"] == 500
    assert "something broke" not in response.text
    assert "something broke" in caplog.text
