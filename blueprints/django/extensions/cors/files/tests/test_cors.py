from django.conf import settings

ALLOWED = "https://app.example.com"


def test_an_allowed_origin_gets_the_cors_header(client):
    response = client.get("/health", headers={"Origin": ALLOWED})

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_another_origin_gets_no_cors_header(client):
    response = client.get("/health", headers={"Origin": "https://evil.example.net"})

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_preflight_from_an_allowed_origin_is_answered(client):
    response = client.options(
        "/health",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )

    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "authorization" in response.headers["Access-Control-Allow-Headers"]


def test_cors_middleware_runs_first():
    assert settings.MIDDLEWARE[0] == "corsheaders.middleware.CorsMiddleware"


def test_the_allowed_origins_come_from_the_environment(load_settings):
    base = load_settings(
        "base",
        DJANGO_CORS_ALLOWED_ORIGINS=" https://app.example.com , http://localhost:3000,, ",
    )

    assert base["CORS_ALLOWED_ORIGINS"] == ["https://app.example.com", "http://localhost:3000"]


def test_without_the_variable_no_origin_is_allowed(load_settings):
    assert load_settings("base", DJANGO_CORS_ALLOWED_ORIGINS=None)["CORS_ALLOWED_ORIGINS"] == []
