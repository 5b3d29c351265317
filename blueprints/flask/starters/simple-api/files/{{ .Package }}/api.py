"""The tasks API (flask-smorest): marshmallow schemas validate the requests, shape the responses
and document both in the OpenAPI 3 document (/openapi.json, Swagger UI at /docs)."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Page, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from .extensions import db
from .openapi import api_blueprint
from .tasks import Task

bp = api_blueprint("tasks", __name__, url_prefix="/api/tasks", description="Tasks")


class TaskSchema(Schema):
    id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=validate.Length(min=1, max=200))
    done = fields.Bool(load_default=False)
    created_at = fields.DateTime(dump_only=True)


class TaskPatchSchema(Schema):
    title = fields.Str(validate=validate.Length(min=1, max=200))
    done = fields.Bool()


class TaskQuerySchema(Schema):
    done = fields.Bool()


class SQLCursorPage(Page):
    """Pagination over a select(): the page's rows and the total count."""

    @property
    def item_count(self) -> int:
        return db.session.scalar(select(db.func.count()).select_from(self.collection.subquery()))

    @property
    def items(self) -> list[Any]:
        first, last = self.page_params.first_item, self.page_params.last_item
        return list(db.session.scalars(self.collection.offset(first).limit(last - first + 1)))


def get_or_404(task_id: int) -> Task:
    task = db.session.get(Task, task_id)
    if task is None:
        abort(404, message=f"Task {task_id} does not exist.")
    return task


@bp.route("/")
class Tasks(MethodView):
    @bp.arguments(TaskQuerySchema, location="query")
    @bp.response(200, TaskSchema(many=True))
    @bp.paginate(SQLCursorPage, page_size=20, max_page_size=100)
    def get(self, query: dict[str, Any]) -> Any:
        """List the tasks, newest first; ?done=true|false filters."""
        statement = select(Task).order_by(Task.created_at.desc(), Task.id.desc())
        if "done" in query:
            statement = statement.where(Task.done == query["done"])
        return statement

    @bp.arguments(TaskSchema)
    @bp.response(201, TaskSchema)
    def post(self, data: dict[str, Any]) -> Task:
        """Create a task."""
        task = Task(**data)
        db.session.add(task)
        db.session.commit()
        return task


@bp.route("/<int:task_id>")
class TaskById(MethodView):
    @bp.response(200, TaskSchema)
    def get(self, task_id: int) -> Task:
        """Get a task."""
        return get_or_404(task_id)

    @bp.arguments(TaskPatchSchema)
    @bp.response(200, TaskSchema)
    def patch(self, data: dict[str, Any], task_id: int) -> Task:
        """Change some fields of a task."""
        task = get_or_404(task_id)
        for name, value in data.items():
            setattr(task, name, value)
        db.session.commit()
        return task

    @bp.response(204)
    def delete(self, task_id: int) -> None:
        """Delete a task."""
        db.session.delete(get_or_404(task_id))
        db.session.commit()
