"""Oversized request bodies and uploaded files are refused with 413 before they are read whole, and change nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.db.tokens import Role
from service.settings import Settings
from service.web.app import create_app
from tests.helpers.apiclient import EXAMPLES, bearer

LIMIT = 64 * 1024  # the example session files are smaller; the test bodies are larger


@pytest.fixture
def small(db_url: str) -> Iterator[TestClient]:
    app = create_app(db_url, max_body=LIMIT)
    with TestClient(app, headers=bearer(app, Role.secretariat)) as c:
        yield c
    app.state.engine.dispose()


def _too_big() -> bytes:
    return b"names: {en: " + b"x" * LIMIT + b"}\n"


def _sessions(client: TestClient) -> int:
    return client.get("/sessions").json()["total"]


def test_a_body_declared_larger_than_the_limit_gets_413_and_changes_nothing(small):
    response = small.post("/sessions/import", content=_too_big(), headers={"content-type": "application/yaml"})

    assert response.status_code == 413 and response.json()["detail"][0]["path"] == "(body)"
    assert _sessions(small) == 0


def test_a_streamed_body_without_a_length_is_cut_off_at_the_limit_with_413(small):
    chunks = (b"x" * 8192 for _ in range(LIMIT // 8192 + 2))
    response = small.post("/sessions/import", content=chunks, headers={"content-type": "application/yaml"})

    assert response.status_code == 413
    assert _sessions(small) == 0


def test_an_uploaded_file_larger_than_the_limit_gets_413(small):
    response = small.post("/sessions/import", files={"file": ("big.yaml", _too_big(), "application/yaml")})

    assert response.status_code == 413


def test_a_body_within_the_limit_is_served(small):
    response = small.post("/sessions/import", content=(EXAMPLES / "cop10-2020.yaml").read_bytes(), headers={"content-type": "application/yaml"})

    assert response.status_code == 201


def test_the_limit_is_2_mib_unless_configured(monkeypatch):
    assert Settings().max_body_bytes == 2 * 1024 * 1024
    monkeypatch.setenv("PODIUM_MAX_BODY_BYTES", "1000")
    assert Settings().max_body_bytes == 1000
