"""Security headers on every response, from the config: see SECURITY_HEADERS in config.py."""

from flask import Response, current_app


def set_security_headers(response: Response) -> Response:
    """Add the headers a response has not set itself; create_app() runs this after each request."""
    config = current_app.config
    if not config["SECURITY_HEADERS"]:
        return response
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if config["CONTENT_SECURITY_POLICY"]:
        headers.setdefault("Content-Security-Policy", config["CONTENT_SECURITY_POLICY"])
    if config["HSTS_SECONDS"]:
        headers.setdefault(
            "Strict-Transport-Security", f"max-age={config['HSTS_SECONDS']}; includeSubDomains"
        )
    return response
