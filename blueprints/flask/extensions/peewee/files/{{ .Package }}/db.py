"""peewee and Flask: the database from DATABASE_URL, and a connection for each request."""

import click
from flask import Flask
from flask.cli import with_appcontext
from playhouse.db_url import connect

from .extensions import db


def peewee_url(url: str) -> str:
    """DATABASE_URL as playhouse.db_url wants it: psycopg 3 for PostgreSQL, and "sqlite://"
    (the tests' default) as an in-memory database."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "psycopg3://" + url.removeprefix(scheme)
    if url in ("sqlite://", "sqlite:///:memory:"):
        return "sqlite:///:memory:"
    return url


def init_app(app: Flask) -> None:
    url = peewee_url(app.config["DATABASE_URL"])
    db.initialize(connect(url))
    app.cli.add_command(create_tables)
    if url.endswith(":memory:"):
        # An in-memory database lives as long as its one connection: keep it open.
        return

    @app.before_request
    def open_connection() -> None:
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def close_connection(exc: BaseException | None) -> None:
        if not db.is_closed():
            db.close()


@click.command("create-tables")
@with_appcontext
def create_tables() -> None:
    """Create the tables of the models that do not exist yet: flask create-tables."""
    from .models import MODELS

    with db.connection_context():
        db.create_tables(MODELS, safe=True)
    click.echo("Tables created.")
