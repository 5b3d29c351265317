"""The model behind the API: a Predictor loaded once at start-up, and the command that trains
the example one."""

import logging
from pathlib import Path
from typing import Any, Protocol

import click
import joblib
from flask import current_app
from flask.cli import with_appcontext


class Predictor(Protocol):
    """What the API needs from a model, whatever the library behind it."""

    version: str
    features: list[str]  # the input names, in the order the model expects
    classes: list[str]

    def predict_proba(self, rows: list[list[float]]) -> list[list[float]]:
        """For each row, the probability of each class (in the order of classes)."""
        ...


class SklearnPredictor:
    """A scikit-learn classifier saved with joblib together with its metadata."""

    def __init__(self, bundle: dict[str, Any]) -> None:
        self.model = bundle["model"]
        self.version: str = bundle["version"]
        self.features: list[str] = bundle["features"]
        self.classes: list[str] = bundle["classes"]

    def predict_proba(self, rows: list[list[float]]) -> list[list[float]]:
        return self.model.predict_proba(rows).tolist()


def load_predictor(path: str, logger: logging.Logger) -> Predictor | None:
    """The model in path, or None (the API then answers 503) when there is none yet."""
    if not Path(path).is_file():
        logger.warning("no model at %s: run `flask train-model`; /api/predict answers 503", path)
        return None
    return SklearnPredictor(joblib.load(path))


def current_predictor() -> Predictor | None:
    return current_app.extensions.get("predictor")


def train_iris(path: Path, version: str = "iris-v1") -> dict[str, Any]:
    """Train the example model (iris, a logistic regression) and save it with its metadata."""
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    iris = load_iris()
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))
    model.fit(iris.data, iris.target)
    bundle = {
        "model": model,
        "version": version,
        "features": ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        "classes": [str(name) for name in iris.target_names],
        "accuracy": float(model.score(iris.data, iris.target)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, path)
    return bundle


@click.command("train-model")
@click.option("--version", default="iris-v1", help="the version the API reports")
@with_appcontext
def train_model(version: str) -> None:
    """Train the example model and save it to MODEL_PATH: flask train-model."""
    path = Path(current_app.config["MODEL_PATH"])
    bundle = train_iris(path, version)
    click.echo(f"Saved {bundle['version']} to {path} (training accuracy {bundle['accuracy']:.2f}).")
