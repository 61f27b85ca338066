"""Stored variants: a session's named drafts, read and written as `service.drafts.Draft`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session as Db

from service.db.models import VariantRow
from service.db.programmes import programme_from_json, programme_json
from service.drafts import Draft, draft_of


def list_variants(db: Db, session_id: int, limit: int, offset: int) -> tuple[list[VariantRow], int]:
    query = select(VariantRow).where(VariantRow.session_id == session_id)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    return list(db.scalars(query.order_by(VariantRow.id).limit(limit).offset(offset))), total


def get_variant(db: Db, session_id: int, variant_id: int) -> VariantRow | None:
    return db.scalars(select(VariantRow).where(VariantRow.session_id == session_id, VariantRow.id == variant_id)).one_or_none()


def named(db: Db, session_id: int, name: str) -> VariantRow | None:
    return db.scalars(select(VariantRow).where(VariantRow.session_id == session_id, VariantRow.name == name)).one_or_none()


def draft(row: VariantRow) -> Draft:
    return draft_of(row.params, programme_from_json(row.programme) if row.programme is not None else None, row.result)


def write(row: VariantRow, value: Draft) -> None:
    row.params = value.params.dump()
    row.programme = programme_json(value.programme) if value.programme is not None else None
    row.result = value.result()


def add_variant(db: Db, session_id: int, name: str, value: Draft) -> VariantRow:
    row = VariantRow(session_id=session_id, name=name)
    write(row, value)
    db.add(row)
    db.flush()
    return row
