"""Step 2: request and response. Read what the client sent; choose the status and format.

    uv run flask --app tour.step2_request run --debug
    curl 'http://127.0.0.1:5000/search?q=flask'
    curl -X POST http://127.0.0.1:5000/echo -H 'Content-Type: application/json' -d '{"a": 1}'

Try a POST without a body: the view answers 400, not 200.
"""

from flask import Flask, request

app = Flask(__name__)


@app.get("/search")
def search() -> dict[str, object]:
    # request.args is the query string; .get() gives a default instead of an error.
    query = request.args.get("q", "")
    # A dict is sent as JSON, with Content-Type: application/json.
    return {"query": query, "length": len(query)}


@app.post("/echo")
def echo() -> tuple[dict[str, object], int]:
    data = request.get_json(silent=True)  # None when the body is not JSON
    if not isinstance(data, dict):
        # A (body, status) tuple sets the status code.
        return {"error": "send a JSON object"}, 400
    return {"you_sent": data}, 201
