"""Step 5: testing. Flask's test client sends requests to an app without a server; each test
checks one behaviour. Run them with `uv run pytest -v`; break a step and watch its test fail.
"""

from tour import step1_routing, step2_request, step3_templates, step4_blueprint


def test_step1_a_url_part_becomes_an_argument() -> None:
    client = step1_routing.app.test_client()

    assert client.get("/hello/ada").text == "Hello, Ada!"
    assert client.get("/square/7").text == "7 squared is 49"
    assert client.get("/square/seven").status_code == 404


def test_step2_query_strings_json_and_status_codes() -> None:
    client = step2_request.app.test_client()

    assert client.get("/search?q=flask").get_json() == {"query": "flask", "length": 5}
    created = client.post("/echo", json={"a": 1})
    assert (created.status_code, created.get_json()) == (201, {"you_sent": {"a": 1}})
    assert client.post("/echo").status_code == 400


def test_step3_templates_render_and_escape() -> None:
    page = step3_templates.app.test_client().get("/?name=<b>Ada</b>").text

    assert "Hello, &lt;b&gt;Ada&lt;/b&gt;!" in page
    assert "<li>2. Jinja</li>" in page


def test_step4_a_blueprint_adds_its_routes_under_a_prefix() -> None:
    app = step4_blueprint.create_app()
    client = app.test_client()

    assert client.get("/books/2").get_json()["title"] == "Two Scoops of Django"
    assert client.get("/books/9").status_code == 404
    assert "books.detail" in app.view_functions
