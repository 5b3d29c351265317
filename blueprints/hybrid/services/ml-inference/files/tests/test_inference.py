"""The prediction API in the hybrid: the main application's token is required, the docs are not."""

import pytest
from flask.testing import FlaskClient

SETOSA = {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/predict", {"features": SETOSA}),
        ("POST", "/api/predict/batch", {"instances": [SETOSA]}),
        ("GET", "/api/model", None),
    ],
)
def test_the_api_needs_an_access_token(
    anonymous: FlaskClient, method: str, path: str, body: object
) -> None:
    response = anonymous.open(path, method=method, json=body)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_with_a_token_the_api_answers(client: FlaskClient) -> None:
    # No model in the tests' default config: past the token check, the API's own 503.
    assert client.post("/api/predict", json={"features": SETOSA}).status_code == 503


def test_the_openapi_document_declares_the_bearer_token(anonymous: FlaskClient) -> None:
    spec = anonymous.get("/openapi.json").get_json()

    assert spec["components"]["securitySchemes"]["accessToken"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    assert spec["security"] == [{"accessToken": []}]
    assert "/api/predict" in spec["paths"]
