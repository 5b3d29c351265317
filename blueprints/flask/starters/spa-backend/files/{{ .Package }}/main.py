"""The API's root and a health check: JSON only, the SPA renders the pages."""

from flask import Blueprint, current_app, url_for

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> dict[str, str]:
    """Where things are, for a person or a client that starts at the root."""
    return {
        "name": current_app.config.get("API_TITLE", "API"),
        "openapi": url_for("api-docs.openapi_json"),
        "docs": url_for("api-docs.openapi_swagger_ui"),
    }


@bp.get("/health")
def health() -> dict[str, str]:
    """A cheap answer that proves the process serves requests."""
    return {"status": "ok"}
