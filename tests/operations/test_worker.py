"""The worker in this process: solves a job into its variant, honours cancellation, and leases that run out."""

import datetime as dt
import threading

import pytest
from sqlalchemy import text

from service.db import jobs
from service.db.engine import make_sessionmaker
from service.worker import WorkerConfig, work_once
from tests.helpers.jobcases import busy_variant, cop_variant, job, queue_solve, wait_for

LATER = jobs.utcnow() + dt.timedelta(days=1)  # when every lease taken in a test has run out


@pytest.fixture
def factory(client):
    return make_sessionmaker(client.app.state.engine)


def test_a_worker_solves_the_job_and_stores_the_programme_into_the_variant(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"], params={"seed": 3})
    assert work_once(factory, WorkerConfig()) == queued["id"]
    done = job(client, queued["id"])
    assert (done["state"], done["attempts"], done["error"]) == ("succeeded", 1, None)
    assert done["result"] == {"status": "optimal", "objective": variant["objective"], "bound": variant["objective"], "gap": 0.0,
                              "variant": f"/sessions/{sid}/variants/{variant['id']}"}
    assert done["progress"]["solutions"] >= 1 and done["progress"]["gap"] == 0
    stored = client.get(done["result"]["variant"]).json()
    assert stored["params"]["seed"] == 3 and stored["programme"]


def test_a_re_plan_job_keeps_the_variant_s_programme_when_nothing_forces_a_move(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"], replan=True)
    work_once(factory, WorkerConfig())
    assert job(client, queued["id"])["state"] == "succeeded"
    stored = client.get(f"/sessions/{sid}/variants/{variant['id']}").json()
    assert (stored["programme"], stored["changes"]) == (variant["programme"], [])


def test_a_job_the_planner_finds_no_programme_for_fails_with_the_conflict_and_keeps_the_variant(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"], params={"rules": {"interpreted_meetings_total": 1}})
    work_once(factory, WorkerConfig())
    failed = job(client, queued["id"])
    assert failed["state"] == "failed" and failed["error"].startswith("the planner found no programme (infeasible): ")
    assert client.get(f"/sessions/{sid}/variants/{variant['id']}").json() == variant


def test_a_worker_finds_nothing_to_do_in_an_empty_queue(factory):
    assert work_once(factory, WorkerConfig()) is None


def test_cancelling_a_running_job_stops_the_search_and_keeps_the_variant(client, factory):
    sid, variant = busy_variant(client)
    queued = queue_solve(client, sid, variant["id"], params={"time_limit": 60})
    worker = threading.Thread(target=work_once, args=(factory, WorkerConfig(lease=1)))
    worker.start()
    wait_for(lambda: job(client, queued["id"])["progress"]["solutions"] >= 1)
    assert client.post(f"/jobs/{queued['id']}/cancel").json()["state"] == "cancelled"
    worker.join()
    assert job(client, queued["id"])["state"] == "cancelled"
    assert client.get(f"/sessions/{sid}/variants/{variant['id']}").json() == variant


def test_a_job_whose_lease_ran_out_is_queued_again_and_retried(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"])
    with factory() as db:
        jobs.claim(db, "lost worker", lease=30)
        assert jobs.reap(db, now=LATER) == [queued["id"]]
    again = job(client, queued["id"])
    assert (again["state"], again["error"]) == ("queued", "attempt 1 of 3 was lost: its worker stopped renewing the lease")
    with factory() as db:
        assert jobs.claim(db, "second worker", lease=30) == queued["id"]
    assert job(client, queued["id"])["attempts"] == 2


def test_a_job_out_of_attempts_fails_with_the_reason(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"], max_attempts=1)
    with factory() as db:
        jobs.claim(db, "lost worker", lease=30)
        jobs.reap(db, now=LATER)
    failed = job(client, queued["id"])
    assert (failed["state"], failed["error"]) == ("failed", "attempt 1 of 1 was lost: its worker stopped renewing the lease")


def test_a_worker_that_lost_its_lease_can_no_longer_write_the_job(client, factory):
    sid, variant = cop_variant(client)
    queued = queue_solve(client, sid, variant["id"])
    with factory() as db:
        jobs.claim(db, "slow worker", lease=30)
        jobs.reap(db, now=LATER)
        assert not jobs.renew(db, queued["id"], "slow worker", 30, jobs.Snapshot())
        assert not jobs.finish(db, queued["id"], "slow worker", "succeeded", jobs.Snapshot())


@pytest.mark.postgres
@pytest.mark.parametrize("empty_db_url", ["postgres"], indirect=True)  # row locks are PostgreSQL's
def test_workers_on_postgresql_skip_a_job_another_holds_locked(client, factory, db_url):
    sid, variant = cop_variant(client)
    first, second = (queue_solve(client, sid, variant["id"])["id"] for _ in range(2))
    with client.app.state.engine.connect() as other:
        other.execute(text("SELECT id FROM solve_jobs WHERE id = :id FOR UPDATE"), {"id": first})  # another worker, mid-claim
        with factory() as db:
            assert jobs.claim(db, "worker", lease=30) == second
