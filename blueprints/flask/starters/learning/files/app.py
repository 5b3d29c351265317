"""The whole app in one file, as in Flask's five-minute start: run it with

    uv run flask --app app run --debug

and open http://127.0.0.1:5000/. README.md says how to grow it into a package when it grows.
"""

import os

from flask import Flask, render_template, request

app = Flask(__name__)
# Sessions and flash messages are signed with this key: pystart wrote a random one into .env.
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev-only-not-secret")


@app.get("/")
def index() -> str:
    name = request.args.get("name", "").strip() or "world"
    return render_template("index.html", name=name)


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/api/echo")
def echo() -> tuple[dict[str, object], int]:
    """Sends back the JSON it gets: a start for the first API endpoint."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return {"error": "send a JSON object"}, 400
    return {"you_sent": data}, 200
