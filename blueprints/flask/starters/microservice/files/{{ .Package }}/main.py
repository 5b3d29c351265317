"""The main blueprint of this service: its root and its probes, liveness (/health) and
readiness (/ready)."""

from flask import Blueprint, current_app, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> dict[str, str]:
    """What this service is and where its API is described."""
    return {
        "service": current_app.config.get("API_TITLE", current_app.name),
        "openapi": url_for("api-docs.openapi_json"),
        "docs": url_for("api-docs.openapi_swagger_ui"),
    }


@bp.get("/health")
def health() -> dict[str, str]:
    """Liveness: the process serves requests. Checks nothing else, so a slow database never
    gets a healthy process restarted."""
    return {"status": "ok"}


@bp.get("/ready")
def ready() -> ResponseReturnValue:
    """Readiness: the process and what it needs (the database) answer."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        current_app.logger.warning("not ready: the database does not answer: %s", exc)
        return {"status": "unavailable", "checks": {"database": "unreachable"}}, 503
    finally:
        db.session.remove()
    return {"status": "ready", "checks": {"database": "ok"}}
