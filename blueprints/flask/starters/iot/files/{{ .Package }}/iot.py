"""The IoT API: devices registered by an admin, telemetry sent by devices, queries by either."""

import hmac
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, abort, current_app, request
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from .devices import Device, Reading
from .extensions import db
from .models import utcnow

bp = Blueprint("iot", __name__, url_prefix="/api")
METRIC = re.compile(r"^[a-z0-9_.]{1,50}$")
CLOCK_SKEW = timedelta(minutes=5)


def problem(status: int, message: str, **extra: Any) -> ResponseReturnValue:
    names = {
        400: "Bad Request",
        401: "Unauthorized",
        404: "Not Found",
        413: "Content Too Large",
        422: "Unprocessable Content",
    }
    return {"error": names[status], "message": message, "status": status, **extra}, status


def is_admin() -> bool:
    token = current_app.config["IOT_ADMIN_TOKEN"] or ""
    given = request.headers.get("X-Admin-Token", "")
    return bool(token) and hmac.compare_digest(token, given)


def requesting_device() -> Device | None:
    key = request.headers.get("X-Device-Key", "")
    return Device.by_key(key) if key else None


def readable_device(device_id: int) -> Device:
    """The device, if the admin or that device itself asks (404 if it does not exist, 401 if
    someone else asks)."""
    device = db.session.get(Device, device_id) or abort(404)
    if not is_admin():
        asking = requesting_device()
        if asking is None or asking.id != device.id:
            abort(401)
    return device


@bp.post("/devices")
def register_device() -> ResponseReturnValue:
    if not is_admin():
        return problem(401, "Registering a device needs the X-Admin-Token header.")
    name = (request.get_json(silent=True) or {}).get("name")
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 100:
        return problem(422, "Send a JSON object with a name of 1-100 characters.")
    device, key = Device.register(name.strip())
    db.session.add(device)
    db.session.commit()
    return {"id": device.id, "name": device.name, "api_key": key}, 201


@bp.post("/devices/<int:device_id>/revoke")
def revoke_device(device_id: int) -> ResponseReturnValue:
    if not is_admin():
        return problem(401, "Revoking a device needs the X-Admin-Token header.")
    device = db.session.get(Device, device_id) or abort(404)
    device.revoked_at = device.revoked_at or utcnow()
    db.session.commit()
    return "", 204


def parse_reading(item: Any, now: datetime) -> tuple[dict[str, Any] | None, str]:
    """A valid reading's fields, or None and what is wrong with it."""
    if not isinstance(item, dict):
        return None, "a reading is an object with metric, value and recorded_at"
    metric, value, at = item.get("metric"), item.get("value"), item.get("recorded_at")
    if not isinstance(metric, str) or not METRIC.match(metric):
        return None, "metric: 1-50 lower-case letters, digits, _ or ."
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None, "value: a finite number"
    try:
        recorded_at = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        recorded_at = None
    if recorded_at is None or recorded_at.tzinfo is None:
        return None, "recorded_at: an ISO 8601 time with a zone, e.g. 2026-11-25T08:00:00Z"
    if recorded_at > now + CLOCK_SKEW:
        return None, "recorded_at: in the future"
    # Stored in UTC: SQLite keeps no zone, so every row must be in the same one.
    return {"metric": metric, "value": float(value), "recorded_at": recorded_at.astimezone(UTC)}, ""


@bp.post("/telemetry")
def ingest() -> ResponseReturnValue:
    device = requesting_device()
    if device is None:
        return problem(401, "Send the device's key in X-Device-Key (unknown or revoked: refused).")
    readings = (request.get_json(silent=True) or {}).get("readings")
    if not isinstance(readings, list) or not readings:
        return problem(400, 'Send {"readings": [...]} with at least one reading.')
    limit = current_app.config["IOT_MAX_BATCH"]
    if len(readings) > limit:
        return problem(413, f"At most {limit} readings per request; send the rest in another.")
    now, rows = datetime.now(UTC), []
    for index, item in enumerate(readings):
        fields, error = parse_reading(item, now)
        if fields is None:
            return problem(422, f"readings[{index}]: {error}", index=index)
        rows.append(Reading(device_id=device.id, **fields))
    db.session.add_all(rows)
    db.session.commit()
    return {"accepted": len(rows)}, 202


@bp.get("/devices/<int:device_id>/latest")
def latest(device_id: int) -> ResponseReturnValue:
    """The newest reading of each metric of the device."""
    device = readable_device(device_id)
    newest = (
        select(Reading.metric, func.max(Reading.recorded_at).label("at"))
        .where(Reading.device_id == device.id)
        .group_by(Reading.metric)
        .subquery()
    )
    rows = db.session.scalars(
        select(Reading)
        .join(newest, (Reading.metric == newest.c.metric) & (Reading.recorded_at == newest.c.at))
        .where(Reading.device_id == device.id)
        .order_by(Reading.metric)
    )
    return {"device": device.id, "latest": [r.as_dict() for r in rows]}


def parse_time(name: str) -> datetime | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        abort(400, f"{name}: an ISO 8601 time")
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


@bp.get("/devices/<int:device_id>/readings")
def readings_in_range(device_id: int) -> ResponseReturnValue:
    """One metric's readings between from and to (inclusive), oldest first, at most 1000."""
    device = readable_device(device_id)
    metric = request.args.get("metric", "")
    if not METRIC.match(metric):
        return problem(400, "Give ?metric= (and optionally from= and to=, ISO 8601 times).")
    query = select(Reading).where(Reading.device_id == device.id, Reading.metric == metric)
    if (start := parse_time("from")) is not None:
        query = query.where(Reading.recorded_at >= start)
    if (end := parse_time("to")) is not None:
        query = query.where(Reading.recorded_at <= end)
    rows = db.session.scalars(query.order_by(Reading.recorded_at).limit(1000))
    return {"device": device.id, "metric": metric, "readings": [r.as_dict() for r in rows]}
