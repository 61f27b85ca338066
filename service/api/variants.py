"""Variants of a session's programme: solve, copy, edit by hand (re-checked), re-plan, render, compare."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session as Db
from sqlalchemy.orm.exc import StaleDataError

from service.api import preconditions
from service.api.access import guarded
from service.api.deps import MAX_ID, DbDep, Page, PagingDep, RowId, SessionId, session_or_404
from service.api.errors import REFUSALS, ApiError, not_found
from service.api.renderings import RESPONSES, Format, Lang, document, negotiated
from service.compare import Candidate, Comparison, compare
from service.db import variants as store
from service.db.models import SessionRow, VariantRow
from service.db.repository import published, session_of
from service.db.tokens import Role
from service.feeds_store import session_and_versions
from service.sessionfile import FieldError
from service.variants import Draft, Edit, ParamsError, VariantParams, apply, assess, edit, replan, solve
from solver.problem import Session

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


class VariantCreate(BaseModel):
    """Solve with `params`; or copy variant `copy_of`; or start from published version `version` (checked under `params`)."""

    name: str = Field(min_length=1, max_length=200)
    params: VariantParams = Field(default_factory=VariantParams)
    copy_of: int | None = Field(None, ge=1, le=MAX_ID)
    version: int | None = Field(None, ge=1, le=MAX_ID)

    @model_validator(mode="after")
    def _one_source(self) -> "VariantCreate":
        if self.copy_of is not None and self.version is not None:
            raise ValueError("give `copy_of` or `version`, not both")
        return self


class VariantOut(BaseModel):
    """A variant: parameters, programme, and what the planner and the checker say of it."""

    id: int
    version: int = Field(description="Counts the variant's updates; its ETag")
    name: str
    params: VariantParams
    status: str = Field(description="optimal, feasible, infeasible, unknown (solved), copied, or edited")
    objective: int | None
    breakdown: dict[str, dict[str, int]]
    violations: list[ViolationOut]
    conflicts: list[str]
    changes: list[ChangeOut] = Field(description="Against the programme it was re-planned from")
    programme: list[MeetingOut] | None


class EditResult(BaseModel):
    """Apply a hand edit; one that breaks rules is refused (409, naming them) unless `accept_violations`."""

    edit: Edit
    accept_violations: bool = False


class CompareOut(BaseModel):
    names: list[str]
    lines: list[dict[str, Any]]
    measures: list[dict[str, Any]]


def out(row: VariantRow) -> VariantOut:
    result = row.result or {}
    return VariantOut.model_validate({
        "id": row.id, "version": row.version, "name": row.name, "params": row.params, "programme": row.programme, "status": "unknown",
        "objective": None, "breakdown": {}, "violations": [], "conflicts": [], "changes": [], **result,
    })


def variant_or_404(db: Db, session_id: int, variant_id: int) -> VariantRow:
    row = store.get_variant(db, session_id, variant_id)
    if row is None:
        raise not_found("path.variant_id", f"session {session_id} has no variant {variant_id}")
    return row


def _params_error(e: ParamsError, prefix: str) -> ApiError:
    return ApiError(422, [FieldError(f"{prefix}.{x.path}" if prefix else x.path, x.reason) for x in e.errors])


def create_variant(db: Db, session_row: SessionRow, body: VariantCreate) -> VariantRow:
    """Solve, copy or start from a version, and store the variant under its name (shared with the pages)."""
    if store.named(db, session_row.id, body.name) is not None:
        raise ApiError(409, [FieldError("name", f"a variant named {body.name!r} exists")])
    session = session_of(session_row)
    try:
        if body.copy_of is not None:
            source = store.draft(variant_or_404(db, session_row.id, body.copy_of))
            value = Draft(source.params, source.programme, "copied", source.objective, source.breakdown, source.violations, source.conflicts)
        elif body.version is not None:
            _, versions = session_and_versions(db, session_row.id)
            found = next((v for v in versions if v.number == body.version), None)
            if found is None:
                raise ApiError(422, [FieldError("version", f"session {session_row.id} has no published version {body.version}")])
            value = assess(session, body.params, found.programme, status="copied")
        else:
            value = solve(session, body.params)
    except ParamsError as e:
        raise _params_error(e, "params") from None
    row = store.add_variant(db, session_row.id, body.name, value)
    db.commit()
    return row


def save(db: Db, row: VariantRow, value: Draft, if_match: str | None = None) -> None:
    store.write(row, value)
    try:
        db.commit()
    except StaleDataError:
        db.rollback()
        # Another writer committed after the If-Match check: the precondition failed after all.
        if if_match is not None:
            raise ApiError(412, [FieldError("header.if-match", "changed meanwhile; read it again and retry")]) from None
        raise ApiError(409, [FieldError("(variant)", "changed by someone else meanwhile; read it again and retry")]) from None


def violations_refusal(value: Draft) -> ApiError:
    return ApiError(409, [FieldError(f"violations[{v.rule}]", v.message) for v in value.violations])


def apply_edit(db: Db, session: Session, row: VariantRow, body: EditResult, if_match: str | None = None) -> Draft:
    """Apply a hand edit; store it unless it breaks rules and they were not accepted (then 409, nothing stored)."""
    try:
        value = edit(session, store.draft(row), body.edit)
    except ParamsError as e:
        raise _params_error(e, "edit") from None
    if value.violations and not body.accept_violations:
        raise violations_refusal(value)
    save(db, row, value, if_match)
    return value


def replan_variant(db: Db, session: Session, row: VariantRow, if_match: str | None = None) -> Draft:
    """Re-plan from the variant's programme; an infeasible re-plan is refused naming the conflict, the variant kept."""
    current = store.draft(row)
    if current.programme is None:
        raise ApiError(409, [FieldError("(variant)", "has no programme to re-plan from")])
    value = replan(session, current)
    if value.status not in ("optimal", "feasible"):
        raise ApiError(409, [FieldError("conflicts", c) for c in value.conflicts] or [FieldError("(variant)", f"the planner found no programme ({value.status})")])
    save(db, row, value, if_match)
    return value


@router.get("/sessions/{session_id}/variants", operation_id="list_variants", responses=REFUSALS, summary="List the variants of a session")
def list_variants(session_id: SessionId, db: DbDep, paging: PagingDep) -> Page[VariantOut]:
    session_or_404(db, session_id)
    rows, total = store.list_variants(db, session_id, paging.limit, paging.offset)
    return Page[VariantOut](items=[out(x) for x in rows], total=total, limit=paging.limit, offset=paging.offset)


@router.post("/sessions/{session_id}/variants", operation_id="create_variant", status_code=201, responses=REFUSALS,
             summary="Create a variant by solving, by copying another, or from a published version")
def post_variant(session_id: SessionId, body: VariantCreate, db: DbDep) -> VariantOut:
    return out(create_variant(db, session_or_404(db, session_id), body))


@router.get("/sessions/{session_id}/variants/{variant_id}", operation_id="read_variant", responses=REFUSALS, summary="Read a variant (its ETag is its version)")
def read_variant(session_id: SessionId, variant_id: RowId, db: DbDep, response: Response) -> VariantOut:
    session_or_404(db, session_id)
    row = variant_or_404(db, session_id, variant_id)
    preconditions.tagged(response, row.version)
    return out(row)


@router.delete("/sessions/{session_id}/variants/{variant_id}", operation_id="delete_variant", status_code=204,
               responses={**REFUSALS, **preconditions.STALE}, summary="Delete a variant; with If-Match, only if unchanged since")
def delete_variant(session_id: SessionId, variant_id: RowId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
    session_or_404(db, session_id)
    row = variant_or_404(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    db.delete(row)
    db.commit()
    return Response(status_code=204)


@router.post("/sessions/{session_id}/variants/{variant_id}/edits", operation_id="edit_variant", responses={**REFUSALS, **preconditions.STALE},
             summary="Edit a variant by hand: move an item or a meeting, swap two meetings, pin, change an estimate; with If-Match, only if unchanged since")
def post_edit(session_id: SessionId, variant_id: RowId, body: EditResult, db: DbDep, response: Response,
              if_match: preconditions.IfMatch = None) -> VariantOut:
    session = session_of(session_or_404(db, session_id))
    row = variant_or_404(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    apply_edit(db, session, row, body, if_match)
    preconditions.tagged(response, row.version)
    return out(row)


@router.post("/sessions/{session_id}/variants/{variant_id}/replan", operation_id="replan_variant", responses={**REFUSALS, **preconditions.STALE},
             summary="Re-plan from here: keep what is pinned and move least from the variant's programme; with If-Match, only if unchanged since")
def post_replan(session_id: SessionId, variant_id: RowId, db: DbDep, response: Response, if_match: preconditions.IfMatch = None) -> VariantOut:
    session = session_of(session_or_404(db, session_id))
    row = variant_or_404(db, session_id, variant_id)
    preconditions.check(if_match, row.version)
    replan_variant(db, session, row, if_match)
    preconditions.tagged(response, row.version)
    return out(row)


@router.get("/sessions/{session_id}/variants/{variant_id}/programme", operation_id="render_variant", response_class=Response,
            responses={**REFUSALS, **RESPONSES}, summary="The variant's programme as a document (text, md, html, docx, json)")
def render_variant(request: Request, session_id: SessionId, variant_id: RowId, db: DbDep, format: Format = None, lang: Lang = "en") -> Response:
    session = session_of(session_or_404(db, session_id))
    row = variant_or_404(db, session_id, variant_id)
    value = store.draft(row)
    if value.programme is None:
        raise ApiError(409, [FieldError("(variant)", "has no programme: the planner found none")])
    seen = apply(session, value.params)
    return document(seen, value.programme, negotiated(request, format), lang, {"status": value.status, "objective": value.objective}, f"variant-{row.id}")


def comparison(db: Db, session_row: SessionRow, variant_ids: list[int]) -> Comparison:
    """The variants in the order given, compared against the published programme (shared with the pages)."""
    if len(variant_ids) < 2:
        raise ApiError(422, [FieldError("query.variant", "name two or more variants")])
    session = session_of(session_row)
    candidates = []
    for n, vid in enumerate(variant_ids):
        row = store.get_variant(db, session_row.id, vid)
        if row is None:
            raise ApiError(404, [FieldError(f"query.variant[{n}]", f"session {session_row.id} has no variant {vid}")])
        value = store.draft(row)
        if value.programme is None:
            raise ApiError(409, [FieldError(f"query.variant[{n}]", f"variant {row.name!r} has no programme")])
        candidates.append(Candidate(row.name, apply(session, value.params), value.programme, value.breakdown, value.objective))
    current = published(db, session_row.id)
    if current is not None:
        scored = assess(session, VariantParams(), current)
        current = scored.programme  # with minutes where the published table has none, when it keeps the rules
    return compare(candidates, current)


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
                variant: Annotated[list[Annotated[int, Field(ge=1, le=MAX_ID)]], Query(description="Variant ids; the first is the baseline")] = []) -> CompareOut:
    return comparison_json(comparison(db, session_or_404(db, session_id), variant))

