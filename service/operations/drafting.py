"""Before a draft: what it would break now, in words (no solve), and a draft queued as a job on a new variant."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from service.db import variants as store
from service.db.models import SessionRow, SolveJobRow, VariantRow
from service.drafts import VariantParams
from service.operations.jobs import JobBounds
from service.operations.variants import VariantCreate, create_variant
from solver.explain import precheck
from solver.grid import build_grid
from solver.problem import Session


def what_breaks(session: Session) -> list[str]:
    """What a draft of the session would break as it stands, from quick capacity checks; empty when none is seen."""
    missing = []
    if not session.slots and not session.slots_by_day:
        missing.append("The session has no meeting slots yet: add the daily slots.")
    if not session.bodies:
        missing.append("The session has no body yet: add the plenary and any committee.")
    if not any(not i.heading for i in session.agenda):
        missing.append("The agenda has no item to plan yet.")
    if missing:
        return missing
    out = [_sentence(c.message) for c in precheck(build_grid(session))]
    for pin in session.rules.pins:
        body = session.body(pin.body)
        if not body.may_meet_on(pin.date):
            out.append(f"Item {pin.code} of {body.name()} is pinned on {pin.date:%A %d %B}, outside the days it may meet.")
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def draft_programme(db: Db, session_row: SessionRow, time_limit: float, bounds: JobBounds | None = None) -> tuple[VariantRow, SolveJobRow | None]:
    """A new variant, named "Draft N", whose programme a worker solves: the variant and its job."""
    taken = {v.name for v in store.list_variants(db, session_row.id, 10_000, 0)[0]}
    name = next(f"Draft {n}" for n in range(1, len(taken) + 2) if f"Draft {n}" not in taken)
    return create_variant(db, session_row, VariantCreate(name=name, params=VariantParams(time_limit=time_limit)), bounds)


def latest_job(db: Db, variant: VariantRow) -> SolveJobRow | None:
    """The variant's last solve job: how a draft queued on it is getting on, or why it found no programme."""
    return db.scalars(select(SolveJobRow).where(SolveJobRow.variant_id == variant.id).order_by(SolveJobRow.id.desc()).limit(1)).first()
