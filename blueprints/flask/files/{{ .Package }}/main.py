"""The main blueprint: the home page and a health check for load balancers and containers."""

from flask import Blueprint, render_template

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    return render_template("index.html")


@bp.get("/health")
def health() -> dict[str, str]:
    """A cheap answer that proves the process serves requests."""
    return {"status": "ok"}
