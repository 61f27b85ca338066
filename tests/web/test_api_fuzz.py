"""schemathesis against the committed OpenAPI document, in-process on a fresh SQLite copy per operation: no 500, no response off the schema.

Bounded and deterministic: a few examples per operation, derandomized, so CI stays fast and never flaky.
Path ids point at a real imported session, variant and version, so that the requests reach the routes' logic
instead of stopping at 404; the operations that run the planner keep their generated ids (see SOLVES).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from service.db.tokens import Role
from service.web.app import create_app
from tests.helpers import ROOT
from tests.helpers.apiclient import EXAMPLES, bearer, import_example

COMMITTED = ROOT / "openapi" / "openapi.json"
schema = schemathesis.openapi.from_path(COMMITTED)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SOLVES = {"create_variant", "replan_variant"}  # a real session would make each example a solve of seconds


@pytest.fixture
def cop(client) -> int:
    return import_example(client, "cop10-2020.yaml")


@pytest.fixture(scope="module")
def seeded(migrated_sqlite: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, int]]:
    """A database holding the COP 2020 session (version 1) and one variant copied from it, and a secretariat token."""
    path = tmp_path_factory.mktemp("fuzz") / "seeded.db"
    shutil.copyfile(migrated_sqlite, path)
    app = create_app(f"sqlite:///{path}")
    headers = bearer(app, Role.secretariat)
    with TestClient(app, headers=headers) as c:
        sid = c.post("/sessions/import", content=(EXAMPLES / "cop10-2020.yaml").read_bytes(), headers={"content-type": "application/yaml"}).json()["id"]
        vid = c.post(f"/sessions/{sid}/variants", json={"name": "as published", "version": 1}).json()["id"]
    app.state.engine.dispose()
    return path, headers["Authorization"], {"session_id": sid, "variant_id": vid, "number": 1, "other": 1}


@pytest.fixture
def api(seeded, tmp_path: Path) -> Iterator[tuple[FastAPI, str, dict[str, int]]]:
    """The app on a fresh copy of the seeded database: each operation's examples start from the same state."""
    source, authorization, ids = seeded
    shutil.copyfile(source, tmp_path / "podium.db")
    app = create_app(f"sqlite:///{tmp_path / 'podium.db'}")
    yield app, authorization, ids
    app.state.engine.dispose()


@schema.parametrize()
@settings(max_examples=5, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error_or_a_response_off_the_schema(case, api):
    app, authorization, ids = api
    if case.operation.definition.raw.get("operationId") not in SOLVES:
        for name in set(case.path_parameters or {}) & set(ids):
            case.path_parameters[name] = ids[name]
    # `app`: the requests go in-process to the ASGI app of this test's database.
    case.call_and_validate(app=app, base_url="http://testserver", headers={"Authorization": authorization}, checks=CHECKS)


# What the fuzzing found, kept as specifications.


def test_a_time_of_day_with_a_utc_offset_is_refused_naming_the_field(client, cop):
    response = client.post(f"/sessions/{cop}/slots", json={"start": "10:00Z", "end": "13:00"})
    assert response.status_code == 422 and response.json()["detail"][0]["path"] == "start"


def test_a_body_that_is_not_utf8_json_gets_422_not_400(client, cop):
    response = client.put(f"/sessions/{cop}", content=b"\x80", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["detail"] == [{"path": "(body)", "reason": "not valid JSON in UTF-8"}]
