"""Solve jobs: queue a variant's solve or re-plan for a worker, read them, cancel one."""

from __future__ import annotations

from sqlalchemy.orm import Session as Db

from service.db import jobs as queue
from service.db import variants as store
from service.db.models import SessionRow, SolveJobRow, VariantRow
from service.db.repository import session_of
from service.drafts import ParamsError, VariantParams, apply
from service.errors import Conflict, NotFound


def job_row(db: Db, job_id: int) -> SolveJobRow:
    row = queue.get_job(db, job_id)
    if row is None:
        raise NotFound.at("path.job_id", f"no job {job_id}")
    return row


def list_jobs(db: Db, session_id: int, limit: int, offset: int) -> tuple[list[SolveJobRow], int]:
    return queue.list_jobs(db, session_id, limit, offset)


def enqueue_solve(db: Db, session_row: SessionRow, variant: VariantRow, params: VariantParams | None, replan: bool,
                  max_attempts: int) -> SolveJobRow:
    """Queue a solve of the variant, with its own parameters or `params`; refused now, not when a worker takes it up."""
    params = params or store.draft(variant).params
    try:
        apply(session_of(session_row), params)
    except ParamsError as e:
        raise e.prefixed("params") from None
    if replan and variant.programme is None:
        raise Conflict.at("replan", "the variant has no programme to re-plan from")
    return queue.enqueue(db, session_row.id, variant.id, params.dump(), replan, max_attempts)


def cancel_job(db: Db, row: SolveJobRow) -> SolveJobRow:
    """Cancel a queued or running job (the variant keeps its programme); Conflict when it already ended."""
    if not queue.cancel(db, row.id):
        db.refresh(row)  # it ended meanwhile: say how
        raise Conflict.at("state", f"the job already ended ({row.state}); only a queued or running job can be cancelled")
    db.flush()
    db.refresh(row)
    return row
