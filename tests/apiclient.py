"""An API client on a migrated database, for the API tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(db_url)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


def import_example(client: TestClient, name: str) -> int:
    response = client.post("/sessions/import", content=(EXAMPLES / name).read_bytes(), headers={"content-type": "application/yaml"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def errors(response) -> list[tuple[str, str]]:
    return [(e["path"], e["reason"]) for e in response.json()["detail"]]
