import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_the_schema_endpoint_serves_valid_openapi_3(client):
    response = client.get(reverse("schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/notes/" in schema["paths"]
    assert "/api/notes/{id}/" in schema["paths"]
    validate_schema(schema)  # raises on anything the OpenAPI 3 JSON schema refuses


def test_the_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.json"

    # --fail-on-warn turns every warning or error of the generator into a CommandError.
    options = ["--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(target)]
    call_command("spectacular", *options)

    schema = json.loads(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert "Note" in schema["components"]["schemas"]


@pytest.mark.parametrize("name", ["swagger-ui", "redoc"])
def test_the_docs_pages_load_the_schema(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert reverse("schema") in response.content.decode()
