"""A tour of Flask in five short steps. Run any step on its own, e.g.

    uv run flask --app tour.step1_routing run --debug

and read it top to bottom; README.md lists the steps and what to try in each.
"""
