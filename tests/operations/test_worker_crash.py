"""Crash safety: a worker process killed (SIGKILL) in the middle of a solve loses no session data, and
once its lease runs out its job is retried, or failed with the reason when it is out of attempts."""

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from service.db import jobs
from service.db.engine import make_sessionmaker
from service.worker import WorkerConfig, work_once
from tests.helpers import ROOT
from tests.helpers.jobcases import busy_variant, job, queue_solve, wait_for


@pytest.fixture
def factory(client):
    return make_sessionmaker(client.app.state.engine)


@contextmanager
def killed_mid_solve(client, db_url: str, job_id: int) -> Iterator[None]:
    """Run `podium worker` (a one-second lease) until it reports progress on the job, then SIGKILL it."""
    worker = subprocess.Popen([sys.executable, "-m", "service.cli", "worker", "--url", db_url, "--lease", "1", "--poll", "0.1"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: job(client, job_id)["progress"]["solutions"] >= 1)
        worker.send_signal(signal.SIGKILL)
        assert worker.wait() == -signal.SIGKILL
        yield
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def _reaped(factory, job_id: int) -> bool:
    with factory() as db:
        return job_id in jobs.reap(db)


def test_a_killed_workers_job_is_retried_after_its_lease_and_nothing_is_lost(client, factory, db_url):
    sid, variant = busy_variant(client)
    session_file = client.get(f"/sessions/{sid}/file").json()
    queued = queue_solve(client, sid, variant["id"], params={"time_limit": 2})
    with killed_mid_solve(client, db_url, queued["id"]):
        assert job(client, queued["id"])["state"] == "running"  # the dead worker's lease, until it runs out
        assert client.get(f"/sessions/{sid}/variants/{variant['id']}").json() == variant
        assert client.get(f"/sessions/{sid}/file").json() == session_file
        wait_for(lambda: _reaped(factory, queued["id"]))
    again = job(client, queued["id"])
    assert (again["state"], again["error"]) == ("queued", "attempt 1 of 3 was lost: its worker stopped renewing the lease")
    assert work_once(factory, WorkerConfig()) == queued["id"]
    done = job(client, queued["id"])
    assert (done["state"], done["attempts"]) == ("succeeded", 2)
    assert done["lost"] == ["attempt 1 of 3 was lost: its worker stopped renewing the lease"]  # the lost attempt stays on record
    assert done["progress"]["objective"] == done["result"]["objective"]  # the final progress is the result's
    assert client.get(f"/sessions/{sid}/variants/{variant['id']}").json()["params"]["time_limit"] == 2


def test_a_killed_workers_job_out_of_attempts_fails_with_the_reason(client, factory, db_url):
    sid, variant = busy_variant(client)
    queued = queue_solve(client, sid, variant["id"], params={"time_limit": 3}, max_attempts=1)
    with killed_mid_solve(client, db_url, queued["id"]):
        wait_for(lambda: _reaped(factory, queued["id"]))
    failed = job(client, queued["id"])
    assert (failed["state"], failed["error"]) == ("failed", "attempt 1 of 1 was lost: its worker stopped renewing the lease")
    assert client.get(f"/sessions/{sid}/variants/{variant['id']}").json() == variant
