"""Webhook deliveries: POST /<source>, verified by their signature, forwarded to the main
application.

The endpoint is @public: a sender has no user's token, its signature is what proves it knows the
shared secret. Deliveries are idempotent end to end: a sender retries until it gets a 2xx, a
retry carries the same webhook-id, and the main application stores an event_id once, so a
retry after a 503 (or after a 202 the sender did not see) changes nothing.
"""

import json
import logging
import re
from typing import Any, NoReturn
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import BaseConverter, ValidationError

from .auth import public
from .errors import handle_http_error
from .forwarder import Event, Forwarder, ForwardingError, MainAppForwarder, Outcome
from .signatures import SignatureError, signing_key, verify

log = logging.getLogger(__name__)

# The main application keeps event_id in 200 characters and type in 200; a message id is what
# Standard Webhooks senders make (msg_...): visible ASCII, no spaces.
MESSAGE_ID = re.compile(r"[\x21-\x7e]{1,200}")
TYPE_LENGTH = 200
# Seconds a sender is asked to wait before it delivers again after a 503.
RETRY_AFTER = 30


class SourceConverter(BaseConverter):
    """A sender's name in the URL: lower-case letters, digits and hyphens, 1 to 40 characters
    (what the main application stores), starting with a letter or a digit.

    A name that is the path of another route (health, whoami) is left to that route, so
    POST /health stays a 405 instead of a delivery from a sender called "health".
    """

    regex = r"[a-z0-9][a-z0-9-]{0,39}"

    def to_python(self, value: str) -> str:
        if any(rule.rule == f"/{value}" for rule in self.map.iter_rules()):
            raise ValidationError()
        return value


bp = Blueprint("receiver", __name__)
# The app learns the converter when it registers the blueprint, before the route below.
bp.record_once(lambda state: state.app.url_map.converters.update(source=SourceConverter))


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException) -> ResponseReturnValue:
    """Senders are programs: every error of a delivery is JSON (413 from MAX_CONTENT_LENGTH too)."""
    code = error.code or 500
    return jsonify(error=error.name, message=error.description, status=code), code


def init_webhooks(app: Flask) -> None:
    """Check the configuration and put the forwarder where the receiver finds it."""
    config = app.config
    if config["REQUIRE_CREDENTIALS"]:
        missing = [name for name in ("WEBHOOK_SECRET", "INTERNAL_API_TOKEN") if not config[name]]
        if missing:
            raise RuntimeError(
                f"{' and '.join(missing)} not set: the webhooks service checks deliveries with "
                "WEBHOOK_SECRET and calls the main application with INTERNAL_API_TOKEN (the same "
                "value as in services/web/.env)."
            )
    if config["WEBHOOK_SECRET"]:
        try:
            signing_key(config["WEBHOOK_SECRET"])
        except ValueError as error:
            raise RuntimeError(f"WEBHOOK_SECRET: {error}") from None
    url = urlsplit(config["MAIN_APP_URL"])
    if url.scheme not in ("http", "https") or not url.netloc:
        raise RuntimeError(
            f"MAIN_APP_URL={config['MAIN_APP_URL']!r}: the main application's address, "
            "like http://127.0.0.1:8000 (compose: http://web:8000)."
        )
    app.register_error_handler(MethodNotAllowed, missing_page)
    app.extensions["event_forwarder"] = MainAppForwarder(
        config["MAIN_APP_URL"], config["INTERNAL_API_TOKEN"], config["MAIN_APP_TIMEOUT"]
    )


def missing_page(error: MethodNotAllowed) -> ResponseReturnValue:
    """GET /anything has the shape of a delivery URL, so routing alone answers 405 (POST only)
    for every missing page of the app: to a browser that is a missing page, a 404 as elsewhere."""
    source = SourceConverter.regex
    if (
        request.method in ("GET", "HEAD")
        and set(error.valid_methods or ()) <= {"POST", "OPTIONS"}
        and re.fullmatch(f"/{source}", request.path)
    ):
        return handle_http_error(NotFound())
    return handle_http_error(error)


def forwarder() -> Forwarder:
    return current_app.extensions["event_forwarder"]


def refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def parse_event(message_id: str, source: str, body: bytes) -> Event:
    """The event in a verified body: a JSON object, with an optional string `type`."""
    try:
        # NaN and Infinity are not JSON: the main application could not store them.
        payload: Any = json.loads(body, parse_constant=refuse_constant)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        abort(400, "The body must be JSON.")
    if not isinstance(payload, dict):
        abort(400, "The body must be a JSON object.")
    kind = payload.get("type", "")
    if not isinstance(kind, str) or len(kind) > TYPE_LENGTH:
        abort(400, f"type must be a string of at most {TYPE_LENGTH} characters.")
    return Event(event_id=message_id, source=source, type=kind, payload=payload)


@bp.post("/<source:source>")
@public
def receive(source: str) -> ResponseReturnValue:
    """A delivery from `source`: 202 when the main application stored it, 200 for a delivery it
    already has, 503 (deliver it again later) when it could not be stored."""
    config = current_app.config
    secret = config["WEBHOOK_SECRET"]
    if not secret:
        abort(503, "WEBHOOK_SECRET is not set: this service cannot check deliveries.")
    message_id = request.headers.get("webhook-id", "")
    timestamp = request.headers.get("webhook-timestamp", "")
    signatures = request.headers.get("webhook-signature", "")
    if not MESSAGE_ID.fullmatch(message_id):
        abort(400, "webhook-id must be 1 to 200 visible ASCII characters.")
    if not (timestamp.isascii() and timestamp.isdigit()):
        abort(400, "webhook-timestamp must be the time of sending in whole seconds (Unix time).")
    if not signatures:
        abort(401, "webhook-signature is missing.")
    body = request.get_data()
    tolerance = config["WEBHOOK_TOLERANCE"]
    try:
        verify(secret, message_id, int(timestamp), signatures, body, tolerance=tolerance)
    except SignatureError as error:
        abort(401, str(error))

    event = parse_event(message_id, source, body)
    try:
        outcome = forwarder().forward(event)
    except ForwardingError as error:
        log.warning("webhook %s from %s not stored: %s", message_id, source, error)
        response = jsonify(
            error="Service Unavailable",
            message="The event could not be stored now: deliver it again later.",
            status=503,
        )
        response.headers["Retry-After"] = str(RETRY_AFTER)
        return response, 503
    if outcome is Outcome.CREATED:
        return {"status": "accepted", "event_id": message_id}, 202
    return {"status": "duplicate", "event_id": message_id}, 200
