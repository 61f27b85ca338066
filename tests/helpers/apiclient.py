"""API tokens for tests, and importing the examples through the API (the `client` fixture is in conftest.py)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.db import tokens
from service.db.tokens import Role
from tests.helpers import EXAMPLES


def token(app: FastAPI, role: Role, name: str = "") -> str:
    """A new API token with `role` in the app's database."""
    with app.state.sessionmaker() as db:
        _, value = tokens.create(db, role, name or f"test {role.name}")
        db.commit()
    return value


def bearer(app: FastAPI, role: Role, name: str = "") -> dict[str, str]:
    return {"Authorization": f"Bearer {token(app, role, name)}"}


def import_example(client: TestClient, name: str) -> int:
    response = client.post("/sessions/import", content=(EXAMPLES / name).read_bytes(), headers={"content-type": "application/yaml"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def errors(response) -> list[tuple[str, str]]:
    return [(e["path"], e["reason"]) for e in response.json()["detail"]]


def csrf(client: TestClient) -> dict[str, str]:
    """The form token of the pages for this client, as a browser gets it: from a page, with its cookie."""
    page = client.get("/ui/login").text
    return {"csrf": page.split('name="csrf" value="', 1)[1].split('"', 1)[0]}
