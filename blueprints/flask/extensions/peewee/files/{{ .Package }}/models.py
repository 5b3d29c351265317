"""Database models (peewee) on the database of extensions.py."""

from datetime import UTC, datetime

from peewee import CharField, DateTimeField, Model
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class BaseModel(Model):
    class Meta:
        database = db


class User(BaseModel):
    """Someone who can sign in: an e-mail address and a password hash, never the password."""

    email = CharField(max_length=254, unique=True)
    password_hash = CharField(max_length=255)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "users"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password (werkzeug's default, scrypt)."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


# The tables `flask create-tables` makes, in dependency order.
MODELS: list[type[Model]] = [User]
