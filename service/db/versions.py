"""Published programme versions of a session: their change notes (the versions themselves: `feeds_store.session_and_versions`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from service.db.models import ProgrammeVersionRow


def notes(db: Db, session_id: int) -> dict[int, str]:
    """The change note of each version, by number."""
    rows = db.execute(select(ProgrammeVersionRow.number, ProgrammeVersionRow.note).where(ProgrammeVersionRow.session_id == session_id))
    return {number: note for number, note in rows}
