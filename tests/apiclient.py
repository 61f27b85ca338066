"""An API client on a migrated database, signed in with a secretariat token (it may call every route), for the API tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.web.app import create_app
from service.db import tokens
from service.db.tokens import Role

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def token(app: FastAPI, role: Role, name: str = "") -> str:
    """A new API token with `role` in the app's database."""
    with app.state.sessionmaker() as db:
        _, value = tokens.create(db, role, name or f"test {role.name}")
        db.commit()
    return value


def bearer(app: FastAPI, role: Role, name: str = "") -> dict[str, str]:
    return {"Authorization": f"Bearer {token(app, role, name)}"}


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    app = create_app(db_url)
    with TestClient(app, headers=bearer(app, Role.secretariat)) as c:
        yield c
    app.state.engine.dispose()


def import_example(client: TestClient, name: str) -> int:
    response = client.post("/sessions/import", content=(EXAMPLES / name).read_bytes(), headers={"content-type": "application/yaml"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def errors(response) -> list[tuple[str, str]]:
    return [(e["path"], e["reason"]) for e in response.json()["detail"]]
