"""The outbound side: a client for the existing system, with timeouts and retries."""

import time
from typing import Any

import httpx
from flask import current_app

RETRIABLE_METHODS = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}


class UpstreamError(Exception):
    """The upstream system did not give a usable answer, after the retries."""


class UpstreamClient:
    """Calls base_url with a timeout on every request; retries what is safe to retry."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.retries, self.backoff = retries, backoff
        self.http = httpx.Client(base_url=base_url, timeout=timeout, transport=transport)

    @classmethod
    def from_config(cls, **kwargs: Any) -> "UpstreamClient":
        config = current_app.config
        return cls(
            config["UPSTREAM_BASE_URL"],
            timeout=config["UPSTREAM_TIMEOUT"],
            retries=config["UPSTREAM_RETRIES"],
            **kwargs,
        )

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """The response of a 2xx-4xx answer; UpstreamError once retries are used up (5xx,
        timeouts, connection errors) or at once for a method that is not safe to retry."""
        attempts = 1 + (self.retries if method.upper() in RETRIABLE_METHODS else 0)
        for attempt in range(attempts):
            try:
                response = self.http.request(method, path, **kwargs)
                if response.status_code < 500:
                    return response
                cause = f"HTTP {response.status_code}"
            except httpx.TransportError as exc:  # timeouts and connection errors
                cause = f"{type(exc).__name__}: {exc}"
            if attempt + 1 < attempts:
                time.sleep(self.backoff * 2**attempt)
        raise UpstreamError(f"{method} {self.http.base_url.join(path)} failed: {cause}")

    def get_json(self, path: str, **kwargs: Any) -> Any:
        response = self.request("GET", path, **kwargs)
        response.raise_for_status()
        return response.json()
