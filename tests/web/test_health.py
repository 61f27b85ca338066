"""`GET /health`: 200 when the database answers, 503 when it cannot be reached; no token needed."""

from fastapi.testclient import TestClient

from service.web.app import create_app


def test_health_is_ok_when_the_database_answers(client):
    response = TestClient(client.app).get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok", "database": "ok"})


def test_health_is_503_when_the_database_cannot_be_reached(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'no such directory' / 'podium.db'}")
    response = TestClient(app).get("/health")
    assert (response.status_code, response.json()) == (503, {"status": "unavailable", "database": "unreachable"})
