"""The admin site (Flask-Admin) at /admin: only for signed-in users with is_admin."""

from typing import Any

import click
from flask import Flask, abort, redirect, request, url_for
from flask.cli import with_appcontext
from flask.typing import ResponseReturnValue
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user
from sqlalchemy import select

from .extensions import db
from .models import User


class AdminOnly:
    """The access rule of every admin view: anonymous visitors log in first, others get a 403."""

    def is_accessible(self) -> bool:
        return bool(current_user.is_authenticated and current_user.is_admin)

    def inaccessible_callback(self, name: str, **kwargs: Any) -> ResponseReturnValue:
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        abort(403)


class AdminHome(AdminOnly, AdminIndexView):
    pass


class AdminModelView(AdminOnly, ModelView):
    pass


class UserAdmin(AdminModelView):
    column_list = ["email", "is_admin", "created_at"]
    column_searchable_list = ["email"]
    column_sortable_list = ["email", "is_admin", "created_at"]
    # Users register themselves; the admin site never sees or sets a password.
    can_create = False
    form_columns = ["email", "is_admin"]


def init_admin(app: Flask) -> Admin:
    """An Admin per app (the tests make many apps), with the views it shows."""
    admin = Admin(app, name=app.config.get("ADMIN_NAME", "Admin"), index_view=AdminHome())
    # The db object, not db.session: Flask-Admin 2.1+ deprecates passing a session.
    admin.add_view(UserAdmin(User, db, name="Users"))
    return admin


@click.command("create-admin")
@click.argument("email")
@with_appcontext
def create_admin(email: str) -> None:
    """Let the registered user EMAIL into the admin site: flask create-admin EMAIL."""
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no user {email}: register at /register first")
    user.is_admin = True
    db.session.commit()
    click.echo(f"{user.email} is an admin.")
