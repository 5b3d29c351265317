"""Access tokens from the main application: every endpoint needs one unless it is public.

The main application (Django, Simple JWT) signs access tokens with the project's ES256 private
key; this service holds only the public key (JWT_PUBLIC_KEY), so it can check a token but never
make one. init_auth() installs a guard that runs before every view of the app: an endpoint is
protected unless it is in PUBLIC_ENDPOINTS, belongs to a blueprint in PUBLIC_BLUEPRINTS or its
view is decorated with @public. A view someone forgets to mark is refused, not open.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from flask import Blueprint, Flask, Response, current_app, g, jsonify, request

# The only algorithm accepted. It comes from here, never from the token's header: a token that
# says "none", or HS256 "signed" with the public key (which anyone may have), is refused.
ALGORITHMS = ["ES256"]
# Claims a token must have; Simple JWT writes all of them (and a jti).
REQUIRED_CLAIMS = ["exp", "iat", "aud", "iss", "token_type", "user_id"]

# What answers without a token: the home page, the health check the proxy and the cross-service
# tests poll, static files and the API documentation (flask-smorest's "api-docs" blueprint).
PUBLIC_ENDPOINTS = frozenset({"main.index", "main.health", "static"})
PUBLIC_BLUEPRINTS = frozenset({"api-docs"})
PUBLIC_MARK = "public"

View = TypeVar("View", bound=Callable[..., Any])

bp = Blueprint("auth", __name__)


def public(view: View) -> View:
    """Open a view (a function, or a MethodView class) to requests without a token.

    Only for what must answer without a user: a webhook receiver that checks a signature
    instead, a callback, a status page. Everything else keeps the default: a token is required.
    """
    setattr(view, PUBLIC_MARK, True)
    return view


class TokenError(Exception):
    """A request's token is missing, malformed or not acceptable; the message says why."""


class TokenVerifier:
    """Checks access tokens against the main application's public key, issuer and audience."""

    def __init__(
        self,
        public_key: ec.EllipticCurvePublicKey | None,
        issuer: str,
        audience: str,
        leeway: int = 0,
    ) -> None:
        self.public_key = public_key
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, or TokenError."""
        if self.public_key is None:
            raise TokenError("This service has no JWT_PUBLIC_KEY to check tokens with.")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self.public_key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.InvalidTokenError as error:
            raise TokenError(describe(error)) from None
        if claims["token_type"] != "access":
            raise TokenError("Only access tokens are accepted, not a refresh token.")
        user_id = claims["user_id"]
        if isinstance(user_id, bool) or not isinstance(user_id, int | str) or user_id == "":
            raise TokenError("The token's user_id is not a user id.")
        return claims


def describe(error: jwt.InvalidTokenError) -> str:
    """A message for the client that says what is wrong with its token, not how it was checked."""
    # Subclasses before their bases: InvalidSignatureError is a DecodeError.
    if isinstance(error, jwt.ExpiredSignatureError):
        return "The token has expired."
    if isinstance(error, jwt.ImmatureSignatureError):
        return "The token is not valid yet."
    if isinstance(error, jwt.MissingRequiredClaimError):
        return f"The token has no {error.claim} claim."
    if isinstance(error, jwt.InvalidAudienceError):
        return "The token is not meant for this service (audience)."
    if isinstance(error, jwt.InvalidIssuerError):
        return "The token was not issued by the main application (issuer)."
    if isinstance(error, jwt.InvalidAlgorithmError):
        return "The token is not signed with ES256."
    if isinstance(error, jwt.InvalidSignatureError):
        return "The token's signature does not verify."
    if isinstance(error, jwt.DecodeError):
        return "The token is malformed."
    return "The token is invalid."


def load_public_key(pem: str) -> ec.EllipticCurvePublicKey:
    """The P-256 public key in a PEM string; RuntimeError for anything else."""
    try:
        key = load_pem_public_key(pem.encode())
    except ValueError:
        key = None
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise RuntimeError(
            "JWT_PUBLIC_KEY is not an ES256 (P-256) public key in PEM: copy JWT_PUBLIC_KEY from "
            "services/web/.env (make keys at the top of the repository draws a new pair)."
        )
    return key


def init_auth(app: Flask) -> None:
    """Check the configuration and protect every endpoint of the app that is not public."""
    pem = app.config["JWT_PUBLIC_KEY"]
    if not pem and app.config["REQUIRE_CREDENTIALS"]:
        raise RuntimeError(
            "JWT_PUBLIC_KEY is not set: the service cannot check access tokens without the main "
            "application's public key (JWT_PUBLIC_KEY in services/web/.env)."
        )
    # Parsed once, here: a bad key stops the app at start rather than failing every request.
    app.extensions["token_verifier"] = TokenVerifier(
        load_public_key(pem) if pem else None,
        issuer=app.config["JWT_ISSUER"],
        audience=app.config["JWT_AUDIENCE"],
        leeway=app.config["JWT_LEEWAY"],
    )
    app.before_request(require_token)


def is_public() -> bool:
    """Whether the request's endpoint answers without a token."""
    endpoint = request.endpoint
    if endpoint is None:
        # No route matched: the 404 or 405 answers, and there is nothing behind it to protect.
        return True
    if endpoint in PUBLIC_ENDPOINTS or request.blueprint in PUBLIC_BLUEPRINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    return bool(
        getattr(view, PUBLIC_MARK, False)
        or getattr(getattr(view, "view_class", None), PUBLIC_MARK, False)
    )


def require_token() -> Response | None:
    """The before_request guard: None lets the request through, with the claims in g.token."""
    if is_public():
        return None
    header = request.headers.get("Authorization", "")
    if not header:
        return unauthorized("An access token is required: Authorization: Bearer <token>.")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return unauthorized("The Authorization header must be: Bearer <token>.")
    try:
        g.token = current_app.extensions["token_verifier"].verify(token)
    except TokenError as error:
        return unauthorized(str(error), invalid_token=True)
    return None


def unauthorized(message: str, invalid_token: bool = False) -> Response:
    """A 401 in JSON, with the challenge of RFC 6750: `Bearer`, and the error code when a token
    was sent but refused."""
    response = jsonify(error="Unauthorized", message=message, status=401)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = (
        'Bearer error="invalid_token"' if invalid_token else "Bearer"
    )
    return response


@bp.get("/whoami")
def whoami() -> dict[str, Any]:
    """The user the access token speaks for: a protected endpoint to try a token on."""
    return {"user_id": g.token["user_id"]}
