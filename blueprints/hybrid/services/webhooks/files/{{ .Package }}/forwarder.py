"""Forwarding events to the main application, which stores each one once.

POST {MAIN_APP_URL}/internal/events/ with `Authorization: Bearer {INTERNAL_API_TOKEN}` and the
event as JSON; the main application answers 201 for an event it stored, 200 for an event_id it
already has. The receiver reaches the forwarder through app.extensions["event_forwarder"], so the
tests put a fake there, and another transport (a queue) fits behind the same Forwarder protocol.

The standard library's urllib, not an HTTP client package: one synchronous POST with a timeout
per delivery, from a view that is synchronous itself, is all this needs, and the image stays a
dependency smaller. Its opener here ignores the proxy variables (the main application is inside
the network) and follows no redirect (one means MAIN_APP_URL is wrong; the credential is not
sent on to wherever it points).
"""

import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, Protocol


@dataclass(frozen=True)
class Event:
    """A verified delivery, as the main application's /internal/events/ takes it."""

    event_id: str  # the sender's webhook-id: the same for every retry of one delivery
    source: str  # who sent it: the last part of the URL, /<source>
    type: str
    payload: dict[str, Any]


class Outcome(Enum):
    CREATED = "created"
    DUPLICATE = "duplicate"


class ForwardingError(Exception):
    """The main application did not store the event (unreachable, or it refused): the sender
    should deliver it again later."""


class Forwarder(Protocol):
    def forward(self, event: Event) -> Outcome:
        """Hand the event over; Outcome says whether it is new, ForwardingError if not taken."""
        ...


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # urllib then raises HTTPError with the 3xx status


class MainAppForwarder:
    """Forwards events to the main application over HTTP."""

    def __init__(self, base_url: str, token: str, timeout: float = 5.0) -> None:
        self.url = base_url.rstrip("/") + "/internal/events/"
        self.token = token
        self.timeout = timeout
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirects())

    def forward(self, event: Event) -> Outcome:
        if not self.token:
            raise ForwardingError("INTERNAL_API_TOKEN is not set: the main application refuses.")
        request = urllib.request.Request(
            self.url,
            data=json.dumps(asdict(event)).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            with error:
                detail = error.read(300).decode(errors="replace")
            raise ForwardingError(f"{self.url} answered {error.code}: {detail}") from error
        except OSError as error:  # refused, unresolvable, timed out (URLError is an OSError)
            reason = getattr(error, "reason", error)
            raise ForwardingError(f"{self.url} is unreachable: {reason}") from error
        if status == 201:
            return Outcome.CREATED
        if status == 200:
            return Outcome.DUPLICATE
        raise ForwardingError(
            f"{self.url} answered {status}, not 201 (created) or 200 (duplicate)."
        )
