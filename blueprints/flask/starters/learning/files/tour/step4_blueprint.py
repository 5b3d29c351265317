"""Step 4: a blueprint. A group of routes that an app registers, under a prefix: how a growing
app is split into parts (and how the package layout pystart generates is built).

    uv run flask --app tour.step4_blueprint run --debug

Try http://127.0.0.1:5000/books/ and /books/2, and `uv run flask --app tour.step4_blueprint
routes` to see the rules with their blueprint-qualified names (books.index, books.detail).
"""

from flask import Blueprint, Flask, abort

books = Blueprint("books", __name__, url_prefix="/books")

BOOKS = {1: "Flask Web Development", 2: "Two Scoops of Django"}


@books.get("/")
def index() -> dict[str, object]:
    return {"books": [{"id": i, "title": t} for i, t in BOOKS.items()]}


@books.get("/<int:book_id>")
def detail(book_id: int) -> dict[str, object]:
    if book_id not in BOOKS:
        abort(404)  # stops the view; Flask answers 404
    return {"id": book_id, "title": BOOKS[book_id]}


def create_app() -> Flask:
    """An application factory: each call builds a new app (tests make one each)."""
    app = Flask(__name__)
    app.register_blueprint(books)
    return app


app = create_app()
