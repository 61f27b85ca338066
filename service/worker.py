"""The solve worker: claims queued jobs, solves each under a renewed lease, stores the result into its variant."""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass, field

from sqlalchemy.orm import Session as Db
from sqlalchemy.orm import sessionmaker

from service.db import jobs, repository
from service.db import variants as store
from service.db.models import SolveJobRow
from service.drafts import Draft, ParamsError, params_of, solve
from solver import Progress

log = logging.getLogger("podium.worker")


@dataclass(frozen=True)
class WorkerConfig:
    """Who the worker is, how long its lease on a job lasts, and how often it looks for work."""

    owner: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    lease: float = 30.0
    poll: float = 1.0

    @property
    def heartbeat(self) -> float:
        # Three renewals per lease, so one slow write does not lose the job; at least once a second
        # so that progress and cancellations show promptly.
        return min(self.lease / 3, 1.0)


class Attempt:
    """One attempt at a claimed job: solve while a heartbeat thread renews the lease and records progress.

    The heartbeat finds out when the job is no longer ours (cancelled, or reaped after a stall);
    the search then stops at its next improving solution and nothing is written.
    """

    def __init__(self, factory: sessionmaker[Db], job_id: int, config: WorkerConfig):
        self.factory, self.job_id, self.config = factory, job_id, config
        self.progress = jobs.Snapshot()
        self.lost = threading.Event()
        self._done = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, name=f"lease-{job_id}", daemon=True)

    def _heard(self, p: Progress) -> None:
        self.progress = jobs.Snapshot(self.progress.solutions + 1, p.objective, p.bound, p.elapsed)

    def _heartbeat(self) -> None:
        while not self._done.wait(self.config.heartbeat):
            with self.factory() as db:
                if not jobs.renew(db, self.job_id, self.config.owner, self.config.lease, self.progress):
                    self.lost.set()
                    return

    def run(self) -> str:
        """Solve and store; the job's final state (or `lost`)."""
        with self.factory() as db:
            job = db.get(SolveJobRow, self.job_id)
            if job is None:  # its variant was deleted, and the job with it
                return "lost"
            variant = store.get_variant(db, job.session_id, job.variant_id)
            session = repository.session_of(repository.get_session(db, job.session_id))
            params, reference = params_of(job.params), store.draft(variant).programme if job.replan else None
        self._beat.start()
        try:
            value = solve(session, params, reference, progress=self._heard, should_stop=self.lost.is_set)
        except ParamsError as e:
            # The session changed since the job was queued: what the parameters name is gone.
            return self._end("failed", error="; ".join(f"params.{x.path}: {x.reason}" for x in e.errors))
        except Exception as e:  # noqa: BLE001 (a bug must fail the job, not the worker)
            log.exception("job %s: the planner failed", self.job_id)
            return self._end("failed", error=f"the planner failed: {type(e).__name__}: {e}")
        if value.programme is None or value.status not in ("optimal", "feasible"):
            reasons = "; ".join(value.conflicts) or "no conflicting rules named"
            return self._end("failed", error=f"the planner found no programme ({value.status}): {reasons}")
        return self._end("succeeded", value)

    def _final(self, value: Draft | None) -> jobs.Snapshot:
        """The progress as the result has it: the last report may predate the proof (an optimal result has gap 0)."""
        if value is None or value.objective is None:
            return self.progress
        bound = value.objective if value.status == "optimal" else self.progress.bound
        return jobs.Snapshot(max(self.progress.solutions, 1), value.objective, bound, self.progress.elapsed)

    def _end(self, state: str, value: Draft | None = None, error: str | None = None) -> str:
        self._done.set()
        self._beat.join()
        if self.lost.is_set():
            return "lost"
        with self.factory() as db:
            result = {"status": value.status, "objective": value.objective, "bound": value.bound} if value else None
            if not jobs.finish(db, self.job_id, self.config.owner, state, self._final(value), result, error):
                db.rollback()
                return "lost"
            job = db.get(SolveJobRow, self.job_id)
            variant = store.get_variant(db, job.session_id, job.variant_id)
            if value is not None:
                store.write(variant, value)
            elif (variant.result or {}).get("status") == "queued":
                # A new variant that was waiting for this solve: it says so, and why, instead of `queued` for ever.
                variant.result = {**(variant.result or {}), "status": "failed", "conflicts": [error or "the planner found no programme"]}
            db.commit()  # the job's end and the variant's new programme together, or neither
        return state


def work_once(factory: sessionmaker[Db], config: WorkerConfig) -> int | None:
    """Reap lost jobs, then claim and run one; the id of the job run, or None when none was waiting."""
    with factory() as db:
        for job_id in jobs.reap(db):
            log.warning("job %s: lease expired, its worker was lost", job_id)
        job_id = jobs.claim(db, config.owner, config.lease)
    if job_id is None:
        return None
    log.info("job %s: claimed by %s", job_id, config.owner)
    log.info("job %s: %s", job_id, Attempt(factory, job_id, config).run())
    return job_id


def work(factory: sessionmaker[Db], config: WorkerConfig, stop: threading.Event) -> None:
    """Run jobs until `stop` is set, polling every `config.poll` seconds when the queue is empty."""
    while not stop.is_set():
        try:
            ran = work_once(factory, config)
        except Exception:  # noqa: BLE001 (the database may be away for a while: keep trying)
            log.exception("cannot take jobs")
            ran = None
        if ran is None:
            stop.wait(config.poll)
