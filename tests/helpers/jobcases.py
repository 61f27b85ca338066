"""Helpers of the job tests: a session with a variant, a job on it, and a look at the job in the database."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.helpers.apiclient import import_example
from tests.helpers.busy_session import busy_session


def cop_variant(client: TestClient) -> tuple[int, dict[str, Any]]:
    """CTOC/COP/2020/1 with a variant solved at once (it is proved optimal in a split second)."""
    sid = import_example(client, "cop10-2020.yaml")
    response = client.post(f"/sessions/{sid}/variants", json={"name": "draft"})
    assert response.status_code == 201, response.text
    return sid, response.json()


def busy_variant(client: TestClient) -> tuple[int, dict[str, Any]]:
    """The busy session with a variant drafted in half a second: solving it well takes a minute."""
    response = client.post("/sessions/import", json=busy_session())
    assert response.status_code == 201, response.text
    sid = response.json()["id"]
    response = client.post(f"/sessions/{sid}/variants", json={"name": "quick", "params": {"time_limit": 0.5}})
    assert response.status_code == 201, response.text
    return sid, response.json()


def queue_solve(client: TestClient, sid: int, vid: int, **body: Any) -> dict[str, Any]:
    response = client.post(f"/sessions/{sid}/variants/{vid}/solve", json=body)
    assert response.status_code == 202, response.text
    return response.json()


def job(client: TestClient, job_id: int) -> dict[str, Any]:
    return client.get(f"/jobs/{job_id}").json()


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Poll until `condition` holds; fail after `timeout` seconds (a bound, never the expectation)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.05)
