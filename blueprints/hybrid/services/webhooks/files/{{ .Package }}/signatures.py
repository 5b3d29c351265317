"""Webhook signatures after the Standard Webhooks scheme (https://www.standardwebhooks.com/).

A sender signs `{webhook-id}.{webhook-timestamp}.{body}` with HMAC-SHA256 and the shared secret
and sends `webhook-signature: v1,<base64 digest>`, several of them space-separated while it
rotates secrets. The timestamp is part of what is signed, so a captured delivery can be replayed
only within the tolerance, and then it repeats an id the main application has already stored.
"""

import base64
import binascii
import hashlib
import hmac
import time

TOLERANCE = 5 * 60  # seconds either side of now
SECRET_PREFIX = "whsec_"


class SignatureError(Exception):
    """A delivery whose signature does not verify, or that was signed too long ago."""


def signing_key(secret: str) -> bytes:
    """The HMAC key of a secret.

    A Standard Webhooks secret (`whsec_` then base64, what a provider's dashboard shows) stands
    for the bytes it encodes; any other secret, such as the one pystart wrote to .env, is used as
    it is, in UTF-8. ValueError for a `whsec_` secret that is not base64.
    """
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
        except binascii.Error as error:
            raise ValueError(f"a {SECRET_PREFIX} secret must be base64: {error}") from None
    return secret.encode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `v1,<base64>` signature a sender puts in webhook-signature."""
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    secret: str,
    message_id: str,
    timestamp: int,
    signatures: str,
    body: bytes,
    *,
    tolerance: int = TOLERANCE,
    now: float | None = None,
) -> None:
    """Accept the delivery if one v1 signature in the header is ours; SignatureError if not."""
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise SignatureError(
            f"webhook-timestamp is more than {tolerance} seconds from now: "
            "a late or replayed delivery is refused."
        )
    expected = sign(secret, message_id, timestamp, body).encode()
    for candidate in signatures.split():
        # Other versions (v1a is an asymmetric scheme) are skipped, not failed: a sender may
        # send several kinds side by side. compare_digest takes as long whatever matches.
        if candidate.startswith("v1,") and hmac.compare_digest(candidate.encode(), expected):
            return
    raise SignatureError("No v1 signature in webhook-signature matches this delivery.")
