"""The SPA's flow: sign up, sign in for tokens, use the notes API; and what is refused."""

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

PASSWORD = "correct horse battery"
SPA_ORIGIN = "https://app.example.com"  # TestingConfig.CORS_ORIGINS


def sign_up_and_in(client: FlaskClient, email: str) -> dict[str, str]:
    registered = client.post("/auth/register", json={"email": email, "password": PASSWORD})
    assert registered.status_code == 201
    tokens = client.post("/auth/token", json={"email": email, "password": PASSWORD}).get_json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def test_sign_up_sign_in_and_manage_notes(client: FlaskClient) -> None:
    auth = sign_up_and_in(client, "ada@example.com")

    created = client.post("/api/notes/", json={"title": "First", "body": "Hi"}, headers=auth)
    assert created.status_code == 201
    note_id = created.get_json()["id"]
    assert [n["title"] for n in client.get("/api/notes/", headers=auth).get_json()] == ["First"]

    changed = client.patch(f"/api/notes/{note_id}", json={"title": "Renamed"}, headers=auth)
    assert changed.get_json()["title"] == "Renamed"
    assert client.delete(f"/api/notes/{note_id}", headers=auth).status_code == 204
    assert client.get(f"/api/notes/{note_id}", headers=auth).status_code == 404


def test_the_notes_need_an_access_token(client: FlaskClient) -> None:
    assert client.get("/api/notes/").status_code == 401
    assert client.post("/api/notes/", json={"title": "x"}).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get("/api/notes/", headers=bad).status_code == 422


def test_a_refresh_token_is_not_an_access_token(client: FlaskClient) -> None:
    client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
    tokens = client.post("/auth/token", json={"email": "ada@example.com", "password": PASSWORD})
    refresh = {"Authorization": f"Bearer {tokens.get_json()['refresh_token']}"}

    assert client.get("/api/notes/", headers=refresh).status_code == 422


def test_users_see_only_their_own_notes(client: FlaskClient) -> None:
    ada = sign_up_and_in(client, "ada@example.com")
    bob = sign_up_and_in(client, "bob@example.com")
    note_id = client.post("/api/notes/", json={"title": "Ada's"}, headers=ada).get_json()["id"]

    assert client.get("/api/notes/", headers=bob).get_json() == []
    assert client.get(f"/api/notes/{note_id}", headers=bob).status_code == 404
    assert client.delete(f"/api/notes/{note_id}", headers=bob).status_code == 404
    assert client.get(f"/api/notes/{note_id}", headers=ada).status_code == 200


def test_invalid_notes_are_a_422(client: FlaskClient) -> None:
    auth = sign_up_and_in(client, "ada@example.com")

    response = client.post("/api/notes/", json={"title": ""}, headers=auth)

    assert response.status_code == 422
    assert "title" in response.get_json()["errors"]["json"]


def test_sign_up_refuses_duplicates_and_short_passwords(client: FlaskClient) -> None:
    ok = client.post("/auth/register", json={"email": "Ada@Example.com", "password": PASSWORD})
    assert ok.status_code == 201
    again = client.post("/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
    assert again.status_code == 409
    short = client.post("/auth/register", json={"email": "bob@example.com", "password": "short"})
    assert short.status_code == 400
    assert client.post("/auth/register", data="not json").status_code == 400


def test_the_openapi_document_declares_bearer_auth(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()

    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["paths"]["/api/notes/"]["get"]["security"] == [{"bearerAuth": []}]


def preflight(client: FlaskClient, origin: str) -> TestResponse:
    """What a browser asks before the SPA's fetch() with a bearer token from another origin."""
    return client.options(
        "/api/notes/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )


def test_the_spa_origin_may_send_the_token_cross_origin(client: FlaskClient) -> None:
    response = preflight(client, SPA_ORIGIN)

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == SPA_ORIGIN
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    allowed = response.headers["Access-Control-Allow-Headers"].lower().replace(" ", "").split(",")
    assert {"authorization", "content-type"} <= set(allowed)


def test_another_origin_gets_no_cors_headers(client: FlaskClient) -> None:
    response = preflight(client, "https://evil.example")

    assert not [name for name, _ in response.headers if name.startswith("Access-Control-")]
