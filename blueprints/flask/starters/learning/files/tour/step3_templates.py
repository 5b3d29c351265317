"""Step 3: templates. Jinja templates in templates/ turn data into HTML, escaping it.

    uv run flask --app tour.step3_templates run --debug

Try http://127.0.0.1:5000/?name=<b>Ada</b>: the tags are shown, not applied (escaped).
"""

from pathlib import Path

from flask import Flask, render_template, request

# The templates are in the project's templates/ folder, one level up from this file.
app = Flask(__name__, template_folder=str(Path(__file__).parent.parent / "templates"))


@app.get("/")
def index() -> str:
    name = request.args.get("name", "world")
    languages = ["Python", "Jinja", "HTML"]
    # render_template fills tour.html with these values; see templates/tour.html.
    return render_template("tour.html", name=name, languages=languages)
