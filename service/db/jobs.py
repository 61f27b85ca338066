"""The solve job queue: enqueue, cancel, and the worker's side (claim under a lease, renew, finish, reap)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session as Db

from service.db.models import SolveJobRow

ACTIVE = ("queued", "running")


def utcnow() -> dt.datetime:
    # Leases compare clocks of several hosts: they are assumed to be kept in step (NTP), and a
    # lease lasts tens of seconds, far more than their drift.
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Snapshot:
    """How far a solve has got: improving solutions found, the best objective, the bound, seconds."""

    solutions: int = 0
    objective: float | None = None
    bound: float | None = None
    elapsed: float | None = None

    def values(self) -> dict[str, Any]:
        return {"solutions": self.solutions, "objective": self.objective, "bound": self.bound, "elapsed": self.elapsed}


def enqueue(db: Db, session_id: int, variant_id: int, params: dict[str, Any], replan: bool, max_attempts: int) -> SolveJobRow:
    row = SolveJobRow(session_id=session_id, variant_id=variant_id, state="queued", params=params, replan=replan,
                      solutions=0, attempts=0, max_attempts=max_attempts, lost=[])
    db.add(row)
    db.flush()
    return row


def active(db: Db, session_id: int | None = None) -> int:
    """How many jobs are queued or running, for one session or in all."""
    query = select(func.count()).select_from(SolveJobRow).where(SolveJobRow.state.in_(ACTIVE))
    if session_id is not None:
        query = query.where(SolveJobRow.session_id == session_id)
    return db.scalar(query) or 0


def get_job(db: Db, job_id: int) -> SolveJobRow | None:
    return db.get(SolveJobRow, job_id)


def list_jobs(db: Db, session_id: int, limit: int, offset: int) -> tuple[list[SolveJobRow], int]:
    query = select(SolveJobRow).where(SolveJobRow.session_id == session_id)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    return list(db.scalars(query.order_by(SolveJobRow.id.desc()).limit(limit).offset(offset))), total


def cancel(db: Db, job_id: int) -> bool:
    """Cancel a queued or running job (its worker notices at its next heartbeat); False when already finished."""
    done = db.execute(
        update(SolveJobRow).where(SolveJobRow.id == job_id, SolveJobRow.state.in_(ACTIVE))
        .values(state="cancelled", finished_at=utcnow(), lease_owner=None, lease_expires_at=None)
    )
    return done.rowcount == 1


# --- the worker's side: every write is conditional on still holding the job, so a worker that
# lost its lease (to the reaper, or to a cancellation) can never overwrite what came after.


def claim(db: Db, owner: str, lease: float) -> int | None:
    """Take the oldest queued job under a lease of `lease` seconds; its id, or None when none waits.

    One statement: on PostgreSQL the row lock with SKIP LOCKED lets workers claim side by side,
    each a different job; SQLite writes one statement at a time (and has a single worker).
    """
    now = utcnow()
    oldest = (
        select(SolveJobRow.id).where(SolveJobRow.state == "queued").order_by(SolveJobRow.id).limit(1)
        .with_for_update(skip_locked=True).scalar_subquery()
    )
    taken = db.execute(
        update(SolveJobRow).where(SolveJobRow.id == oldest, SolveJobRow.state == "queued")
        .values(state="running", attempts=SolveJobRow.attempts + 1, lease_owner=owner,
                lease_expires_at=now + dt.timedelta(seconds=lease), started_at=now, **Snapshot().values())
        .returning(SolveJobRow.id)
    ).scalar_one_or_none()
    db.commit()
    return taken


def _held(job_id: int, owner: str) -> Any:
    return (SolveJobRow.id == job_id) & (SolveJobRow.lease_owner == owner) & (SolveJobRow.state == "running")


def renew(db: Db, job_id: int, owner: str, lease: float, progress: Snapshot) -> bool:
    """Extend the lease and record the progress; False when the job is no longer this worker's."""
    done = db.execute(
        update(SolveJobRow).where(_held(job_id, owner))
        .values(lease_expires_at=utcnow() + dt.timedelta(seconds=lease), **progress.values())
    )
    db.commit()
    return done.rowcount == 1


def finish(db: Db, job_id: int, owner: str, state: str, progress: Snapshot, result: dict[str, Any] | None = None,
           error: str | None = None) -> bool:
    """End a held job as succeeded or failed, in the caller's transaction (committed with the variant)."""
    done = db.execute(
        update(SolveJobRow).where(_held(job_id, owner))
        .values(state=state, result=result, error=error, finished_at=utcnow(), lease_owner=None, lease_expires_at=None,
                **progress.values())
    )
    return done.rowcount == 1


def reap(db: Db, now: dt.datetime | None = None) -> list[int]:
    """Queue again the running jobs whose lease ran out, or fail those out of attempts; their ids."""
    now = now or utcnow()
    expired = (SolveJobRow.state == "running") & (SolveJobRow.lease_expires_at < now)
    reaped = []
    rows = db.execute(select(SolveJobRow.id, SolveJobRow.attempts, SolveJobRow.max_attempts, SolveJobRow.lost).where(expired)).all()
    for job_id, attempts, max_attempts, earlier in rows:
        lost = f"attempt {attempts} of {max_attempts} was lost: its worker stopped renewing the lease"
        values: dict[str, Any] = (
            {"state": "failed", "error": lost, "finished_at": now} if attempts >= max_attempts else {"state": "queued", "error": lost}
        )
        values["lost"] = [*(earlier or []), lost]  # kept when a later attempt succeeds and clears `error`
        # Conditional again: another worker may have reaped it between the select and here.
        done = db.execute(update(SolveJobRow).where(SolveJobRow.id == job_id, expired).values(lease_owner=None, lease_expires_at=None, **values))
        if done.rowcount == 1:
            reaped.append(job_id)
    db.commit()
    return reaped
