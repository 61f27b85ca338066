"""Variants: create (queue a solve, copy, or start from a version), edit by hand (re-checked), queue a re-plan, delete, compare."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator
from sqlalchemy.orm import Session as Db

from service import published
from service.compare import Candidate, Comparison, compare
from service.db import variants as store
from service.db.models import SessionRow, SolveJobRow, VariantRow
from service.db.repository import session_of
from service.drafts import Draft, Edit, ParamsError, VariantParams, apply, assess, edit
from service.errors import Conflict, FieldError, Invalid, NotFound
from service.operations.jobs import JobBounds, enqueue_solve
from service.sessionfile.models import MAX_ID
from solver.problem import Session
from solver.programme import Programme


class VariantCreate(BaseModel):
    """Solve with `params`; or copy variant `copy_of`; or start from published version `version` (checked under `params`)."""

    name: str = Field(min_length=1, max_length=200, description="What the bureau will call it", examples=["Closing on Friday afternoon"])
    params: VariantParams = Field(default_factory=VariantParams, description="How to solve: time limit, format, pins, estimates", examples=[{"time_limit": 10}])
    copy_of: int | None = Field(None, ge=1, le=MAX_ID, description="Copy this variant instead of solving")
    version: int | None = Field(None, ge=1, le=MAX_ID, description="Start from this published version instead of solving", examples=[1])

    @model_validator(mode="after")
    def _one_source(self) -> VariantCreate:
        if self.copy_of is not None and self.version is not None:
            raise ValueError("give `copy_of` or `version`, not both")
        return self


class EditResult(BaseModel):
    """Apply a hand edit; one that breaks rules is refused (409, naming them) unless `accept_violations`."""

    edit: Edit
    accept_violations: bool = False


def variant_row(db: Db, session_id: int, variant_id: int) -> VariantRow:
    row = store.get_variant(db, session_id, variant_id)
    if row is None:
        raise NotFound.at("path.variant_id", f"session {session_id} has no variant {variant_id}")
    return row


def list_variants(db: Db, session_id: int, limit: int = 500, offset: int = 0) -> tuple[list[VariantRow], int]:
    return store.list_variants(db, session_id, limit, offset)


def create_variant(db: Db, session_row: SessionRow, body: VariantCreate, bounds: JobBounds | None = None) -> tuple[VariantRow, SolveJobRow | None]:
    """Copy or start from a version (done at once), or queue a solve (the variant waits, `queued`, for a worker).

    The variant and, for a solve, its job; a solve is never run in the request, which would hold a
    connection and a core for up to its time limit.
    """
    if store.named(db, session_row.id, body.name) is not None:
        raise Conflict.at("name", f"a variant named {body.name!r} exists")
    session = session_of(session_row)
    try:
        if body.copy_of is not None:
            source = store.draft(variant_row(db, session_row.id, body.copy_of))
            value = Draft(source.params, source.programme, "copied", source.objective, source.breakdown, source.violations, source.conflicts)
        elif body.version is not None:
            found = next((v for v in published.versions(db, session_row.id) if v.number == body.version), None)
            if found is None:
                raise Invalid.at("version", f"session {session_row.id} has no published version {body.version}")
            value = assess(session, body.params, found.programme, status="copied")
        else:
            # Parameters and the job bounds are checked as the job is queued: refused, nothing is stored (the caller rolls back).
            row = store.add_variant(db, session_row.id, body.name, Draft(body.params, None, "queued"))
            return row, enqueue_solve(db, session_row, row, body.params, replan=False, bounds=bounds)
    except ParamsError as e:
        raise e.prefixed("params") from None
    return store.add_variant(db, session_row.id, body.name, value), None


def delete_variant(db: Db, row: VariantRow) -> None:
    db.delete(row)
    db.flush()


def apply_edit(session: Session, row: VariantRow, body: EditResult) -> Draft:
    """Apply a hand edit; it is stored unless it breaks rules that were not accepted (then Conflict, nothing stored)."""
    try:
        value = edit(session, store.draft(row), body.edit)
    except ParamsError as e:
        raise e.prefixed("edit") from None
    if value.violations and not body.accept_violations:
        raise Conflict([FieldError(f"violations[{v.rule}]", v.message) for v in value.violations])
    store.write(row, value)
    return value


def replan_variant(db: Db, session_row: SessionRow, row: VariantRow, bounds: JobBounds | None = None) -> SolveJobRow:
    """Queue a re-plan from the variant's programme (keep pins, move least); a worker solves it, the variant kept if it finds none."""
    if row.programme is None:
        raise Conflict.at("(variant)", "has no programme to re-plan from")
    return enqueue_solve(db, session_row, row, None, replan=True, bounds=bounds)


def variant_programme(session: Session, row: VariantRow) -> tuple[Session, Draft]:
    """The session as the variant sees it and its draft; Conflict when it has no programme."""
    value = store.draft(row)
    if value.programme is None:
        raise Conflict.at("(variant)", "has no programme: the planner found none")
    return apply(session, value.params), value


def comparison(db: Db, session_row: SessionRow, variant_ids: list[int]) -> Comparison:
    """The variants in the order given, compared against the published programme."""
    if len(variant_ids) < 2:
        raise Invalid.at("query.variant", "name two or more variants")
    session = session_of(session_row)
    candidates = []
    for n, vid in enumerate(variant_ids):
        row = store.get_variant(db, session_row.id, vid)
        if row is None:
            raise NotFound.at(f"query.variant[{n}]", f"session {session_row.id} has no variant {vid}")
        value = store.draft(row)
        if value.programme is None:
            raise Conflict.at(f"query.variant[{n}]", f"variant {row.name!r} has no programme")
        candidates.append(Candidate(row.name, apply(session, value.params), value.programme, value.breakdown, value.objective))
    return compare(candidates, _scored_current(db, session_row.id, session))


def _scored_current(db: Db, session_id: int, session: Session) -> Programme | None:
    current = published.latest(db, session_id)
    if current is None:
        return None
    # With minutes where the published table has none, when it keeps the rules.
    return assess(session, VariantParams(), current.programme).programme
