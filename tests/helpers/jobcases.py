"""Helpers of the job tests: a session with a solved variant, a job on it, jobs run in this process."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from service.db.engine import make_sessionmaker
from service.worker import WorkerConfig, work_once
from tests.helpers.apiclient import import_example
from tests.helpers.busy_session import busy_session


def run_jobs(client: TestClient) -> None:
    """Run every queued job in this process, as the worker in `podium run` would."""
    factory = make_sessionmaker(client.app.state.engine)
    while work_once(factory, WorkerConfig()) is not None:
        pass


def solved_variant(client: TestClient, sid: int, **body: Any) -> dict[str, Any]:
    """A new variant solved: its job queued (202, Location), run here, and the variant read back."""
    response = client.post(f"/sessions/{sid}/variants", json=body)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/jobs/{response.json()['id']}"
    run_jobs(client)
    return client.get(f"/sessions/{sid}/variants/{response.json()['variant_id']}").json()


def cop_variant(client: TestClient) -> tuple[int, dict[str, Any]]:
    """CTOC/COP/2020/1 with a variant solved (it is proved optimal in a split second)."""
    sid = import_example(client, "cop10-2020.yaml")
    return sid, solved_variant(client, sid, name="draft")


def busy_variant(client: TestClient) -> tuple[int, dict[str, Any]]:
    """The busy session with a variant drafted in half a second: solving it well takes a minute."""
    response = client.post("/sessions/import", json=busy_session())
    assert response.status_code == 201, response.text
    sid = response.json()["id"]
    return sid, solved_variant(client, sid, name="quick", params={"time_limit": 0.5})


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
