"""Caching (Flask-Caching): the cache object and an example of a cached view."""

from datetime import UTC, datetime

from flask import Blueprint, render_template
from flask_caching import Cache

cache = Cache()

bp = Blueprint("caching", __name__)


@bp.get("/cached")
@cache.cached(timeout=60)
def cached() -> str:
    """Rendered once a minute at most: every other request gets the cached page."""
    return render_template("cached.html", rendered_at=datetime.now(UTC))
