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


class PageClient(TestClient):
    """A client that, like a browser on the pages, sends the form token the pages gave it with every form it posts under /ui
    (a test that means to leave the token out says so, with `csrf=""`)."""

    def request(self, method: str, url, **kwargs):  # type: ignore[no-untyped-def, override]
        data = kwargs.get("data")
        form = data is None and kwargs.get("json") is None and kwargs.get("content") is None or isinstance(data, dict)
        if method.upper() == "POST" and str(url).startswith("/ui") and form and "csrf" not in (data or {}):
            kwargs["data"] = {**(data or {}), **csrf(self)}
        return super().request(method, url, **kwargs)
