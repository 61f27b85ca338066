"""Solve jobs: queue a variant's solve or re-plan for a worker, read them, cancel one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session as Db

from service.db import jobs as queue
from service.db import variants as store
from service.db.models import SessionRow, SolveJobRow, VariantRow
from service.db.repository import session_of
from service.drafts import ParamsError, VariantParams, apply
from service.errors import Busy, Conflict, FieldError, NotFound


@dataclass(frozen=True)
class JobBounds:
    """How many solve jobs may be queued or running at once, for one session and in all (the settings' max_jobs*)."""

    per_session: int = 5
    total: int = 20
    retry_after: int = 10  # seconds: about one short solve


def check_room(db: Db, session_id: int, bounds: JobBounds) -> None:
    """Busy when the session, or the deployment, already has as many jobs waiting as it may."""
    if queue.active(db, session_id) >= bounds.per_session:
        raise Busy([FieldError("(session)", f"session {session_id} has {bounds.per_session} solve jobs queued or running;"
                               " wait for one to end or cancel one")], bounds.retry_after)
    if queue.active(db) >= bounds.total:
        raise Busy([FieldError("(request)", f"{bounds.total} solve jobs are queued or running; retry later")], bounds.retry_after)


def job_row(db: Db, job_id: int) -> SolveJobRow:
    row = queue.get_job(db, job_id)
    if row is None:
        raise NotFound.at("path.job_id", f"no job {job_id}")
    return row


def list_jobs(db: Db, session_id: int, limit: int, offset: int) -> tuple[list[SolveJobRow], int]:
    return queue.list_jobs(db, session_id, limit, offset)


def enqueue_solve(db: Db, session_row: SessionRow, variant: VariantRow, params: VariantParams | None, replan: bool,
                  max_attempts: int = 3, bounds: JobBounds | None = None) -> SolveJobRow:
    """Queue a solve of the variant, with its own parameters or `params`; refused now, not when a worker takes it up.

    Busy (429) when `bounds` are reached: a queue bounded so that a burst of requests cannot build hours of backlog.
    """
    params = params or store.draft(variant).params
    try:
        apply(session_of(session_row), params)
    except ParamsError as e:
        raise e.prefixed("params") from None
    if replan and variant.programme is None:
        raise Conflict.at("replan", "the variant has no programme to re-plan from")
    check_room(db, session_row.id, bounds or JobBounds())
    return queue.enqueue(db, session_row.id, variant.id, params.dump(), replan, max_attempts)


def cancel_job(db: Db, row: SolveJobRow) -> SolveJobRow:
    """Cancel a queued or running job (the variant keeps its programme; a new one waiting for it says `cancelled`); Conflict when it already ended."""
    if not queue.cancel(db, row.id):
        db.refresh(row)  # it ended meanwhile: say how
        raise Conflict.at("state", f"the job already ended ({row.state}); only a queued or running job can be cancelled")
    variant = store.get_variant(db, row.session_id, row.variant_id)
    if variant is not None and (variant.result or {}).get("status") == "queued":  # a new variant that waited for this solve
        variant.result = {**variant.result, "status": "cancelled"}
    db.flush()
    db.refresh(row)
    return row
