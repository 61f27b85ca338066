"""Solve jobs: solve a variant in the background (202 and a job), follow its progress, cancel it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from service.db.models import SolveJobRow
from service.db.tokens import Role
from service.drafts import VariantParams
from service.operations import jobs as ops
from service.operations.sessions import session_row
from service.operations.variants import variant_row
from service.web.access import guarded
from service.web.deps import DbDep, Page, PagingDep, RowId, SessionId
from service.web.errors import BUSY, REFUSALS
from solver.search import relative_gap

router = guarded(read=Role.bureau, write=Role.secretariat, tags=["jobs"])


class SolveRequest(BaseModel):
    """Solve the variant anew in the background: with its own parameters, or with `params` in their place."""

    params: VariantParams | None = Field(None, description="Replace the variant's parameters; the variant's own when left out")
    replan: bool = Field(False, description="Re-plan from the variant's programme: keep pins, move least")
    max_attempts: int = Field(3, ge=1, le=10, description="Times a worker may take the job up before it fails")


class JobProgress(BaseModel):
    """How far the solve has got, as its worker last reported (about once a second)."""

    solutions: int = Field(description="Improving solutions found so far")
    objective: float | None = Field(description="Cost of the best programme found")
    bound: float | None = Field(description="No programme costs less than this")
    gap: float | None = Field(description="(objective - bound) / objective; 0 when proved optimal")
    elapsed: float | None = Field(description="Seconds of solving")


class JobResult(BaseModel):
    """The planner's verdict, stored with the programme into the variant."""

    status: str
    objective: int | None
    bound: float | None = Field(None, description="No programme costs less (jobs finished before it was recorded have none)")
    gap: float | None = Field(None, description="(objective - bound) / objective: how far from the best the programme may be")
    variant: str = Field(description="URL of the variant that holds the programme")


class JobOut(BaseModel):
    """A solve job: queued, running (with progress), succeeded (with its result), failed (with the reason) or cancelled."""

    id: int
    session_id: int
    variant_id: int
    state: str = Field(description="queued, running, succeeded, failed or cancelled")
    params: VariantParams
    replan: bool
    progress: JobProgress
    result: JobResult | None
    error: str | None = Field(description="Why it failed, or why an earlier attempt was lost")
    lost: list[str] = Field(description="Why each lost attempt was lost (its worker stopped), oldest first")
    attempts: int
    max_attempts: int
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back the UTC times it was given without their zone.
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def variant_url(session_id: int, variant_id: int) -> str:
    return f"/sessions/{session_id}/variants/{variant_id}"


def job_out(row: SolveJobRow) -> JobOut:
    result = row.result and JobResult(**row.result, gap=relative_gap(row.result.get("objective"), row.result.get("bound")),
                                      variant=variant_url(row.session_id, row.variant_id))
    return JobOut(
        id=row.id, session_id=row.session_id, variant_id=row.variant_id, state=row.state, params=row.params, replan=row.replan,
        progress=JobProgress(solutions=row.solutions, objective=row.objective, bound=row.bound, gap=relative_gap(row.objective, row.bound), elapsed=row.elapsed),
        result=result, error=row.error, lost=list(row.lost or []), attempts=row.attempts, max_attempts=row.max_attempts,
        created_at=_utc(row.created_at), started_at=_utc(row.started_at), finished_at=_utc(row.finished_at),
    )


QUEUED: dict[int | str, dict[str, Any]] = {
    202: {"model": JobOut, "description": "Queued; `Location` names the job", "headers": {"Location": {"schema": {"type": "string"}}}},
}


def bounds(request: Request) -> ops.JobBounds:
    config = request.app.state.settings
    return ops.JobBounds(config.max_jobs_per_session, config.max_jobs)


def queued(row: SolveJobRow) -> JSONResponse:
    """202 with the job, and where to follow it."""
    return JSONResponse(job_out(row).model_dump(mode="json"), status_code=202, headers={"Location": f"/jobs/{row.id}"})


@router.post("/sessions/{session_id}/variants/{variant_id}/solve", operation_id="solve_variant", status_code=202, response_model=JobOut,
             responses={**REFUSALS, **QUEUED, **BUSY},
             summary="Solve a variant in the background: a job that a worker takes up (follow it at its Location)")
def post_solve(request: Request, session_id: SessionId, variant_id: RowId, body: SolveRequest, db: DbDep) -> Response:
    session = session_row(db, session_id)
    row = ops.enqueue_solve(db, session, variant_row(db, session_id, variant_id), body.params, body.replan, body.max_attempts, bounds(request))
    db.commit()
    return queued(row)


@router.get("/sessions/{session_id}/jobs", operation_id="list_jobs", responses=REFUSALS, summary="List the solve jobs of a session, newest first")
def list_jobs(session_id: SessionId, db: DbDep, paging: PagingDep) -> Page[JobOut]:
    session_row(db, session_id)
    rows, total = ops.list_jobs(db, session_id, paging.limit, paging.offset)
    return Page[JobOut](items=[job_out(x) for x in rows], total=total, limit=paging.limit, offset=paging.offset)


@router.get("/jobs/{job_id}", operation_id="read_job", responses=REFUSALS, summary="A solve job: its state, progress, and result when done")
def read_job(job_id: RowId, db: DbDep) -> JobOut:
    return job_out(ops.job_row(db, job_id))


@router.post("/jobs/{job_id}/cancel", operation_id="cancel_job", responses=REFUSALS,
             summary="Cancel a queued or running job; the variant keeps the programme it had")
def cancel_job(job_id: RowId, db: DbDep) -> JobOut:
    row = ops.cancel_job(db, ops.job_row(db, job_id))
    db.commit()
    return job_out(row)
