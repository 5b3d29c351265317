"""API tokens (Flask-JWT-Extended): trade credentials for tokens, refresh them, use them."""

from typing import Any

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from flask_jwt_extended import (
    JWTManager,
    create_access_token,
    create_refresh_token,
    get_current_user,
    get_jwt_identity,
    jwt_required,
)
from sqlalchemy import select

from .extensions import db
from .models import User

bp = Blueprint("tokens", __name__)

jwt = JWTManager()


@jwt.user_lookup_loader
def load_user(jwt_header: dict[str, Any], jwt_data: dict[str, Any]) -> User | None:
    """The user a token names in `sub` (a string); None makes the request a 401."""
    return db.session.get(User, int(jwt_data["sub"]))


def unauthorized(message: str) -> ResponseReturnValue:
    return {"error": "Unauthorized", "message": message, "status": 401}, 401


@bp.post("/auth/token")
def token() -> ResponseReturnValue:
    """An access and a refresh token for a JSON body with `email` and `password`."""
    data = request.get_json(silent=True) or {}
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        return {
            "error": "Bad Request",
            "message": "Send a JSON object with an email and a password.",
            "status": 400,
        }, 400
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.check_password(password):
        return unauthorized("Wrong e-mail address or password.")
    # Identities are strings: PyJWT 2.10+ refuses a token whose `sub` is not one.
    identity = str(user.id)
    return {
        "access_token": create_access_token(identity=identity),
        "refresh_token": create_refresh_token(identity=identity),
    }


@bp.post("/auth/refresh")
@jwt_required(refresh=True)
def refresh() -> ResponseReturnValue:
    """A new access token for a refresh token (and only for one)."""
    return {"access_token": create_access_token(identity=get_jwt_identity())}


@bp.get("/api/me")
@jwt_required()
def me() -> ResponseReturnValue:
    """The user of the access token: an example of a protected endpoint."""
    user: User = get_current_user()
    return {"id": user.id, "email": user.email}
