"""Async views. Under ASGI (config/asgi.py, served by uvicorn) Django awaits them on the worker's
event loop, so a request waiting on the database or another service does not hold a thread; the
project's sync views keep working beside them (Django runs those in a thread).

Use the ORM's a-prefixed methods here (aget, acount, aexists, acreate, `async for`); calling a
sync query in an async view raises SynchronousOnlyOperation.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
async def ready(request: HttpRequest) -> JsonResponse:
    """Readiness, for load balancers and orchestrators: 200 once the database answers, 503 while
    it does not (/health answers without touching it, for liveness)."""
    try:
        await get_user_model().objects.aexists()
    except DatabaseError:
        logger.exception("readiness: the database does not answer")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
