"""Error responses: JSON for every error, since every client of this API is a program."""

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    """Every HTTP error (404, 405, ...) and, as a 500, every unhandled exception.

    Flask logs an unhandled exception with its traceback before calling this; the response tells
    the client only the standard description.
    """
    code = error.code or 500
    return jsonify(error=error.name, message=error.description, status=code), code


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
