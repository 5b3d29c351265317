"""A REST API with flask-smorest: marshmallow schemas validate the requests, shape the
responses and document both in the OpenAPI 3 document (/openapi.json, Swagger UI at /docs)."""

import threading
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from .openapi import api_blueprint

bp = api_blueprint(
    "notes", __name__, url_prefix="/api/notes", description="Notes: an example resource"
)


class NoteSchema(Schema):
    id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    body = fields.Str(load_default="", validate=validate.Length(max=10_000))


class NoteStore:
    """Notes in memory, one store per app: replace it with your models."""

    def __init__(self) -> None:
        self._notes: dict[int, dict[str, Any]] = {}
        self._next_id = 1
        self._lock = threading.Lock()

    def all(self) -> list[dict[str, Any]]:
        return list(self._notes.values())

    def get(self, note_id: int) -> dict[str, Any]:
        if note_id not in self._notes:
            abort(404, message=f"Note {note_id} does not exist.")
        return self._notes[note_id]

    def add(self, data: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            note = {"id": self._next_id, **data}
            self._notes[self._next_id] = note
            self._next_id += 1
        return note

    def replace(self, note_id: int, data: dict[str, Any]) -> dict[str, Any]:
        self.get(note_id)
        self._notes[note_id] = {"id": note_id, **data}
        return self._notes[note_id]

    def delete(self, note_id: int) -> None:
        self.get(note_id)
        del self._notes[note_id]


def store() -> NoteStore:
    return current_app.extensions.setdefault("notes", NoteStore())


@bp.route("/")
class Notes(MethodView):
    @bp.response(200, NoteSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """List the notes."""
        return store().all()

    @bp.arguments(NoteSchema)
    @bp.response(201, NoteSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Create a note."""
        return store().add(data)


@bp.route("/<int:note_id>")
class NoteById(MethodView):
    @bp.response(200, NoteSchema)
    def get(self, note_id: int) -> dict[str, Any]:
        """Get a note."""
        return store().get(note_id)

    @bp.arguments(NoteSchema)
    @bp.response(200, NoteSchema)
    def put(self, data: dict[str, Any], note_id: int) -> dict[str, Any]:
        """Replace a note."""
        return store().replace(note_id, data)

    @bp.response(204)
    def delete(self, note_id: int) -> None:
        """Delete a note."""
        store().delete(note_id)
