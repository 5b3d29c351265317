"""Error responses: an HTML page for browsers, JSON for API clients."""

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException


def wants_json() -> bool:
    """Answer with JSON under /api/, when the client prefers JSON to HTML (Accept header), and
    always in an app without pages (JSON_ONLY: an API service)."""
    if current_app.config.get("JSON_ONLY") or request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    """Every HTTP error (404, 405, ...) and, as a 500, every unhandled exception.

    Flask logs an unhandled exception with its traceback before calling this; the response tells
    the client only the standard description.
    """
    code = error.code or 500
    # The error's own headers go with it (Allow on a 405, WWW-Authenticate on a 401); the body,
    # and so its Content-Type, is ours.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if wants_json():
        return jsonify(error=error.name, message=error.description, status=code), code, headers
    return render_template("error.html", error=error, code=code), code, headers


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
