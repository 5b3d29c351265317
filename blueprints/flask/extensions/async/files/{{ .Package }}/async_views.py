"""Async views: `async def` views whose awaits overlap (Flask's async extra)."""

import asyncio
import time

from flask import Blueprint
from flask.typing import ResponseReturnValue

bp = Blueprint("async_demo", __name__, url_prefix="/async")


async def slow_call(name: str, seconds: float) -> str:
    """Stands in for an HTTP call or a query: replace it with your own awaitable."""
    await asyncio.sleep(seconds)
    return f"{name} answered after {seconds}s"


@bp.get("/fan-out")
async def fan_out() -> ResponseReturnValue:
    """Two slow calls at once: the request takes as long as the slower one."""
    started = time.perf_counter()
    results = await asyncio.gather(slow_call("inventory", 0.05), slow_call("pricing", 0.05))
    return {"results": list(results), "seconds": round(time.perf_counter() - started, 3)}
