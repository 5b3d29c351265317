"""The inbound side: a webhook that accepts only signed, new events.

A sender signs each delivery with the shared WEBHOOK_SECRET: X-Signature is
"sha256=" + HMAC-SHA256(secret, idempotency_key + "." + body) in hex. The key is inside the
signature, so a captured delivery replayed under a fresh Idempotency-Key fails the signature
check (401), and replayed under its own key it is a key seen before (409).
"""

import hashlib
import hmac
import json
from datetime import datetime

from flask import Blueprint, current_app, request
from flask.typing import ResponseReturnValue
from sqlalchemy import DateTime, String, Text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models import utcnow

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")


class WebhookEvent(db.Model):
    """An accepted event; the unique key is what makes deliveries idempotent."""

    __tablename__ = "webhook_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def signature_ok(key: str, body: bytes, header: str) -> bool:
    """Whether header is "sha256=" + the hex HMAC-SHA256 of key, ".", body with WEBHOOK_SECRET."""
    secret = current_app.config["WEBHOOK_SECRET"]
    if not secret or not header.startswith("sha256="):
        return False
    signed = key.encode() + b"." + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def problem(status: int, error: str, message: str) -> ResponseReturnValue:
    return {"error": error, "message": message, "status": status}, status


@bp.post("/inbound")
def inbound() -> ResponseReturnValue:
    body = request.get_data()
    key = request.headers.get("Idempotency-Key", "").strip()
    if not signature_ok(key, body, request.headers.get("X-Signature", "")):
        return problem(
            401, "Unauthorized", "The X-Signature header does not match the key and the body."
        )
    if not key or len(key) > 200:
        return problem(400, "Bad Request", "Send an Idempotency-Key header (1-200 characters).")
    try:
        event = json.loads(body)
    except ValueError:
        return problem(400, "Bad Request", "The body is not JSON.")
    db.session.add(WebhookEvent(idempotency_key=key, payload=json.dumps(event)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return problem(409, "Conflict", f"Event {key} was already received.")
    handle(event)
    return {"status": "accepted", "idempotency_key": key}, 202


def handle(event: object) -> None:
    """Act on a new event: the place for this integration's own logic."""
    current_app.logger.info("webhook event accepted: %s", event)
