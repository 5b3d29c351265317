"""Endpoints for the side services only: authenticated by INTERNAL_API_TOKEN, never by a user's
session or token, and not routed by the proxy from outside."""

import hmac
import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import WebhookEvent


def _authorized(request: HttpRequest) -> bool:
    expected = settings.INTERNAL_API_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    # An unset credential refuses everything rather than accepting an empty one.
    return bool(expected) and scheme == "Bearer" and hmac.compare_digest(given, expected)


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="internal"'
    return response


def _text(data: dict[str, Any], key: str, limit: int, required: bool = True) -> str:
    value = data.get(key, "" if not required else None)
    if not isinstance(value, str) or (required and not value) or len(value) > limit:
        raise ValueError(f"{key}: a string of 1 to {limit} characters")
    return value


@csrf_exempt  # machine-to-machine: the bearer credential is the protection, not a cookie
@require_POST
def events(request: HttpRequest) -> JsonResponse:
    """Store an event forwarded by the webhooks service, once per event_id: a sender's retry of
    the same delivery answers 200 "duplicate" and changes nothing."""
    if not _authorized(request):
        return _error(401, "a valid internal credential is required")
    try:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        event_id = _text(data, "event_id", 200)
        source = _text(data, "source", 40)
        kind = _text(data, "type", 200, required=False)
        payload = data.get("payload", {})
        if not isinstance(payload, dict):
            raise ValueError("payload: a JSON object")
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return _error(400, str(exc))
    event, created = WebhookEvent.objects.get_or_create(
        event_id=event_id, defaults={"source": source, "type": kind, "payload": payload}
    )
    return JsonResponse(
        {"status": "created" if created else "duplicate", "id": event.pk},
        status=201 if created else 200,
    )
