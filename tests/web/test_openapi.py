"""The committed OpenAPI document is the app's: regenerate it with `make openapi` when the API changes."""

import json

from service.commands.server import openapi_document
from tests.helpers import ROOT

COMMITTED = ROOT / "openapi" / "openapi.json"


def test_the_committed_openapi_document_matches_the_app():
    assert COMMITTED.read_text(encoding="utf-8") == openapi_document(), "the API changed: run `make openapi` and commit"


def test_every_error_response_documents_the_path_and_reason_shape():
    spec = json.loads(openapi_document())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("404", "409", "422"):
                if status in operation["responses"]:
                    schema = operation["responses"][status]["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status)
