"""Variants of a session's programme: solve, copy, edit by hand (re-checked), re-plan, render, compare."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from service.compare import Comparison
from service.db.models import VariantRow
from service.db.tokens import Role
from service.drafts import VariantParams
from service.operations import variants as ops
from service.operations.sessions import session, session_row
from service.operations.variants import EditResult, VariantCreate
from service.sessionfile.models import MAX_ID
from service.web import preconditions
from service.web.access import guarded
from service.web.api.jobs import QUEUED, JobOut, bounds, queued
from service.web.deps import DbDep, Page, PagingDep, RowId, SessionId
from service.web.errors import BUSY, REFUSALS
from service.web.renderings import RESPONSES, Format, Lang, document, negotiated
from solver.search import relative_gap

router = guarded(read=Role.bureau, write=Role.secretariat, tags=["variants"])


class TakeOut(BaseModel):
    body: str
    code: str
    minutes: int | None
    continued: bool


class MeetingOut(BaseModel):
    date: str
    slot: str
    bodies: list[str]
    room: str | None
    items: list[TakeOut]


class ViolationOut(BaseModel):
    """A rule the programme breaks, with the bodies, items and dates concerned."""

    rule: str
    message: str
    bodies: list[str]
    items: list[str]
    dates: list[str]


class ChangeOut(BaseModel):
    kind: str
    date: str
    slot: str
    bodies: list[str]
    before: list[str]
    after: list[str]


class VariantOut(BaseModel):
    """A variant: parameters, programme, and what the planner and the checker say of it."""

    id: int
    version: int = Field(description="Counts the variant's updates; its ETag")
    name: str
    params: VariantParams
    status: str = Field(description="optimal, feasible, infeasible, unknown (solved), copied, edited; queued, failed or cancelled while a new variant has no programme yet")
    objective: int | None
    bound: float | None = Field(None, description="No programme costs less than this (the planner's proof)")
    gap: float | None = Field(None, description="(objective - bound) / objective: 0 when proved optimal")
    breakdown: dict[str, dict[str, int]]
    violations: list[ViolationOut]
    conflicts: list[str]
    changes: list[ChangeOut] = Field(description="Against the programme it was re-planned from")
    programme: list[MeetingOut] | None


class CompareOut(BaseModel):
    names: list[str]
    lines: list[dict[str, Any]]
    measures: list[dict[str, Any]]


def out(row: VariantRow) -> VariantOut:
    result = row.result or {}
    gap = relative_gap(result.get("objective"), result.get("bound"))
    return VariantOut.model_validate({"gap": gap,
        "id": row.id, "version": row.version, "name": row.name, "params": row.params, "programme": row.programme, "status": "unknown",
        "objective": None, "breakdown": {}, "violations": [], "conflicts": [], "changes": [], **result,
    })


@router.get("/sessions/{session_id}/variants", operation_id="list_variants", responses=REFUSALS, summary="List the variants of a session")
def list_variants(session_id: SessionId, db: DbDep, paging: PagingDep) -> Page[VariantOut]:
    session_row(db, session_id)
    rows, total = ops.list_variants(db, session_id, paging.limit, paging.offset)
    return Page[VariantOut](items=[out(x) for x in rows], total=total, limit=paging.limit, offset=paging.offset)


@router.post("/sessions/{session_id}/variants", operation_id="create_variant", status_code=201, response_model=VariantOut,
             responses={**REFUSALS, **QUEUED, **BUSY},
             summary="Create a variant: a copy of another or of a published version (201), or a solve queued as a job (202, follow its Location)")
def post_variant(request: Request, session_id: SessionId, body: VariantCreate, db: DbDep) -> Response:
    row, job = ops.create_variant(db, session_row(db, session_id), body, bounds(request))
    db.commit()
    if job is not None:
        return queued(job)
    return JSONResponse(out(row).model_dump(mode="json"), status_code=201, headers={"Location": f"/sessions/{session_id}/variants/{row.id}"})


@router.get("/sessions/{session_id}/variants/{variant_id}", operation_id="read_variant", responses=REFUSALS, summary="Read a variant (its ETag is its version)")
def read_variant(session_id: SessionId, variant_id: RowId, db: DbDep, response: Response) -> VariantOut:
    session_row(db, session_id)
    row = ops.variant_row(db, session_id, variant_id)
    preconditions.tagged(response, row.version)
    return out(row)


@router.delete("/sessions/{session_id}/variants/{variant_id}", operation_id="delete_variant", status_code=204,
               responses={**REFUSALS, **preconditions.STALE}, summary="Delete a variant; with If-Match, only if unchanged since")
def delete_variant(session_id: SessionId, variant_id: RowId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
    session_row(db, session_id)
    row = ops.variant_row(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    ops.delete_variant(db, row)
    db.commit()
    return Response(status_code=204)


@router.post("/sessions/{session_id}/variants/{variant_id}/edits", operation_id="edit_variant", responses={**REFUSALS, **preconditions.STALE},
             summary="Edit a variant by hand: move an item or a meeting, swap two meetings, pin, change an estimate; with If-Match, only if unchanged since")
def post_edit(session_id: SessionId, variant_id: RowId, body: EditResult, db: DbDep, response: Response,
              if_match: preconditions.IfMatch = None) -> VariantOut:
    seen = session(db, session_id)
    row = ops.variant_row(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    ops.apply_edit(seen, row, body)
    db.commit()
    preconditions.tagged(response, row.version)
    return out(row)


@router.post("/sessions/{session_id}/variants/{variant_id}/replan", operation_id="replan_variant", status_code=202, response_model=JobOut,
             responses={**REFUSALS, **preconditions.STALE, **QUEUED, **BUSY},
             summary="Re-plan from here, as a job: keep what is pinned and move least from the variant's programme; with If-Match, only if unchanged since")
def post_replan(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
    stored = session_row(db, session_id)
    row = ops.variant_row(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    job = ops.replan_variant(db, stored, row, bounds(request))
    db.commit()
    return queued(job)


@router.get("/sessions/{session_id}/variants/{variant_id}/programme", operation_id="render_variant", response_class=Response,
            responses={**REFUSALS, **RESPONSES}, summary="The variant's programme as a document (text, md, html, docx, json)")
def render_variant(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep, format: Format = None, lang: Lang = "en") -> Response:
    stored = session(db, session_id)
    seen, value = ops.variant_programme(stored, ops.variant_row(db, session_id, variant_id))
    return document(seen, value.programme, negotiated(request, format), lang, {"status": value.status, "objective": value.objective, "bound": value.bound}, f"variant-{variant_id}")


def comparison_json(c: Comparison) -> CompareOut:
    lines = [
        {
            "date": line.date.isoformat(), "slot": f"{line.slot:%H:%M}",
            "cells": [
                {
                    "marks": sorted(cell.marks), "gone": list(cell.gone),
                    "meetings": [
                        {"bodies": list(m.bodies), "room": m.room, "marks": sorted(m.marks),
                         "items": [{"body": t.body, "code": t.code, "continued": t.continued, "mark": t.mark} for t in m.takes]}
                        for m in cell.meetings
                    ],
                }
                for cell in line.cells
            ],
        }
        for line in c.lines
    ]
    measures = [
        {**m.__dict__, "meetings_per_day": {d.isoformat(): n for d, n in m.meetings_per_day.items()}} for m in c.measures
    ]
    return CompareOut(names=list(c.names), lines=lines, measures=measures)


@router.get("/sessions/{session_id}/compare", operation_id="compare_variants", responses=REFUSALS,
            summary="Two or more variants aligned by date and slot, differences marked against the first, and their measures")
def get_compare(session_id: SessionId, db: DbDep,
                variant: Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]], Query(description="Variant ids; the first is the baseline")] = []) -> CompareOut:  # noqa: B006 (FastAPI copies it)
    return comparison_json(ops.comparison(db, session_row(db, session_id), variant))

