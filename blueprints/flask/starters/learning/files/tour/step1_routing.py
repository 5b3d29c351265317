"""Step 1: routing. A URL maps to a Python function; parts of the URL become its arguments.

    uv run flask --app tour.step1_routing run --debug

Try http://127.0.0.1:5000/, /hello/Ada and /square/7, then /square/seven (a 404: the
converter <int:...> only matches digits).
"""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index() -> str:
    # The return value is the response body; a str is sent as HTML.
    return "Step 1: routing. Try /hello/Ada or /square/7."


@app.route("/hello/<name>")
def hello(name: str) -> str:
    # <name> in the rule arrives as an argument. Flask does not escape it here: step 3 shows
    # templates, which do.
    return f"Hello, {name.title()}!"


@app.route("/square/<int:number>")
def square(number: int) -> str:
    # A converter (int, float, path, uuid) checks and converts the part before the view runs.
    return f"{number} squared is {number * number}"
