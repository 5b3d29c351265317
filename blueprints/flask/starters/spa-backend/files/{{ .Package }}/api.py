"""The notes API (flask-smorest) for signed-in users: JWT bearer tokens, each user's own notes."""

from typing import Any

from flask.views import MethodView
from flask_jwt_extended import get_current_user, jwt_required
from flask_smorest import Api, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from .extensions import db
from .models import User
from .notes import Note
from .openapi import api_blueprint

bp = api_blueprint(
    "notes", __name__, url_prefix="/api/notes", description="The signed-in user's notes"
)
BEARER = [{"bearerAuth": []}]


def describe_bearer_auth(api: Api) -> None:
    """Tell the OpenAPI document (and Swagger UI's Authorize button) about the bearer tokens."""
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )


class NoteSchema(Schema):
    id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    body = fields.Str(load_default="", validate=validate.Length(max=10_000))
    created_at = fields.DateTime(dump_only=True)


class NotePatchSchema(Schema):
    title = fields.Str(validate=validate.Length(min=1, max=200))
    body = fields.Str(validate=validate.Length(max=10_000))


def own_note(note_id: int) -> Note:
    """The current user's note, or a 404 (also for another user's: its existence is private)."""
    user: User = get_current_user()
    note = db.session.get(Note, note_id)
    if note is None or note.owner_id != user.id:
        abort(404, message=f"Note {note_id} does not exist.")
    return note


@bp.route("/")
class Notes(MethodView):
    decorators = [jwt_required()]

    @bp.doc(security=BEARER)
    @bp.response(200, NoteSchema(many=True))
    def get(self) -> list[Note]:
        """The signed-in user's notes, newest first."""
        user: User = get_current_user()
        query = select(Note).where(Note.owner_id == user.id)
        return list(db.session.scalars(query.order_by(Note.created_at.desc(), Note.id.desc())))

    @bp.doc(security=BEARER)
    @bp.arguments(NoteSchema)
    @bp.response(201, NoteSchema)
    def post(self, data: dict[str, Any]) -> Note:
        """Create a note."""
        note = Note(owner_id=get_current_user().id, **data)
        db.session.add(note)
        db.session.commit()
        return note


@bp.route("/<int:note_id>")
class NoteById(MethodView):
    decorators = [jwt_required()]

    @bp.doc(security=BEARER)
    @bp.response(200, NoteSchema)
    def get(self, note_id: int) -> Note:
        """Get a note."""
        return own_note(note_id)

    @bp.doc(security=BEARER)
    @bp.arguments(NotePatchSchema)
    @bp.response(200, NoteSchema)
    def patch(self, data: dict[str, Any], note_id: int) -> Note:
        """Change a note."""
        note = own_note(note_id)
        for name, value in data.items():
            setattr(note, name, value)
        db.session.commit()
        return note

    @bp.doc(security=BEARER)
    @bp.response(204)
    def delete(self, note_id: int) -> None:
        """Delete a note."""
        db.session.delete(own_note(note_id))
        db.session.commit()
