"""The prediction API (flask-smorest): validated input, the model version in every answer."""

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from .ml import Predictor, current_predictor
from .openapi import api_blueprint

bp = api_blueprint("predict", __name__, url_prefix="/api", description="Predictions")


class FeaturesSchema(Schema):
    # The example model's inputs (centimetres); change them with the model.
    sepal_length = fields.Float(required=True, allow_nan=False, validate=validate.Range(0, 100))
    sepal_width = fields.Float(required=True, allow_nan=False, validate=validate.Range(0, 100))
    petal_length = fields.Float(required=True, allow_nan=False, validate=validate.Range(0, 100))
    petal_width = fields.Float(required=True, allow_nan=False, validate=validate.Range(0, 100))


class PredictSchema(Schema):
    features = fields.Nested(FeaturesSchema, required=True)


class BatchSchema(Schema):
    instances = fields.List(
        fields.Nested(FeaturesSchema), required=True, validate=validate.Length(min=1)
    )


class ClassProbabilitiesSchema(Schema):
    prediction = fields.Str()
    probabilities = fields.Dict(keys=fields.Str(), values=fields.Float())


class PredictionSchema(ClassProbabilitiesSchema):
    model_version = fields.Str()


class BatchPredictionSchema(Schema):
    predictions = fields.List(fields.Nested(ClassProbabilitiesSchema))
    model_version = fields.Str()


class ModelSchema(Schema):
    version = fields.Str()
    features = fields.List(fields.Str())
    classes = fields.List(fields.Str())


def predictor() -> Predictor:
    loaded = current_predictor()
    if loaded is None:
        abort(503, message="No model is loaded: run `flask train-model` and restart.")
    return loaded


def predict(model: Predictor, instances: list[dict[str, float]]) -> list[dict[str, Any]]:
    rows = [[instance[name] for name in model.features] for instance in instances]
    results = []
    for probabilities in model.predict_proba(rows):
        by_class = dict(zip(model.classes, probabilities, strict=True))
        best = max(by_class, key=by_class.__getitem__)
        results.append({"prediction": best, "probabilities": by_class})
    return results


@bp.route("/predict")
class Predict(MethodView):
    @bp.arguments(PredictSchema)
    @bp.response(200, PredictionSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """One prediction, with the probability of each class."""
        model = predictor()
        return {**predict(model, [data["features"]])[0], "model_version": model.version}


@bp.route("/predict/batch")
class PredictBatch(MethodView):
    @bp.arguments(BatchSchema)
    @bp.response(200, BatchPredictionSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Several predictions in one request (at most MAX_BATCH)."""
        limit = current_app.config["MAX_BATCH"]
        if len(data["instances"]) > limit:
            abort(422, message=f"At most {limit} instances per request.")
        model = predictor()
        return {"predictions": predict(model, data["instances"]), "model_version": model.version}


@bp.route("/model")
class Model(MethodView):
    @bp.response(200, ModelSchema)
    def get(self) -> Predictor:
        """The loaded model: its version, inputs and classes."""
        return predictor()
