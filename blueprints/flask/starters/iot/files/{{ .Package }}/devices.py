"""Devices and their readings."""

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models import utcnow


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Device(db.Model):
    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @classmethod
    def register(cls, name: str) -> tuple["Device", str]:
        """A new device and its API key; only the key's hash is kept."""
        key = secrets.token_urlsafe(32)
        return cls(name=name, key_hash=hash_key(key)), key

    @classmethod
    def by_key(cls, key: str) -> "Device | None":
        """The active device with this key, or None (unknown or revoked)."""
        device = db.session.scalar(db.select(cls).where(cls.key_hash == hash_key(key)))
        return device if device is not None and device.revoked_at is None else None


class Reading(db.Model):
    __tablename__ = "readings"
    __table_args__ = (
        Index("ix_readings_device_metric_time", "device_id", "metric", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(50))
    value: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    def as_dict(self) -> dict[str, object]:
        # SQLite gives the UTC time back without its zone; PostgreSQL with it.
        at = self.recorded_at if self.recorded_at.tzinfo else self.recorded_at.replace(tzinfo=UTC)
        return {"metric": self.metric, "value": self.value, "recorded_at": at.isoformat()}
