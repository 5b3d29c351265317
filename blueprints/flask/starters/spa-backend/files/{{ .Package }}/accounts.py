"""Sign-up for the SPA: POST /auth/register with an e-mail address and a password (JSON).
Signing in is POST /auth/token (tokens.py)."""

from flask import Blueprint, request
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from .extensions import db
from .models import User

bp = Blueprint("accounts", __name__)

MIN_PASSWORD_LENGTH = 10


def error(status: int, message: str) -> ResponseReturnValue:
    names = {400: "Bad Request", 409: "Conflict"}
    return {"error": names[status], "message": message, "status": status}, status


@bp.post("/auth/register")
def register() -> ResponseReturnValue:
    data = request.get_json(silent=True) or {}
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or "@" not in email or not isinstance(password, str):
        return error(400, "Send a JSON object with an email address and a password.")
    if len(password) < MIN_PASSWORD_LENGTH:
        return error(400, f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    email = email.strip().lower()
    if db.session.scalar(select(User).where(User.email == email)) is not None:
        return error(409, "That e-mail address is already registered.")
    user = User(email=email)
    try:
        user.set_password(password)
    except ValueError as exc:  # bcrypt's 72-byte limit, when --ext bcrypt is on
        return error(400, str(exc))
    db.session.add(user)
    db.session.commit()
    return {"id": user.id, "email": user.email}, 201
