"""The inbound side: a webhook that accepts only signed, new events."""

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


def signature_ok(body: bytes, header: str) -> bool:
    secret = current_app.config["WEBHOOK_SECRET"]
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def problem(status: int, error: str, message: str) -> ResponseReturnValue:
    return {"error": error, "message": message, "status": status}, status


@bp.post("/inbound")
def inbound() -> ResponseReturnValue:
    body = request.get_data()
    if not signature_ok(body, request.headers.get("X-Signature", "")):
        return problem(401, "Unauthorized", "The X-Signature header does not match the body.")
    key = request.headers.get("Idempotency-Key", "").strip()
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
