"""Publishing: a variant that keeps the session's rules becomes the next version; versions never change afterwards."""

from __future__ import annotations

from sqlalchemy.orm import Session as Db

from service import published
from service.db import variants as store
from service.db.models import SessionRow
from service.db.repository import session_of
from service.errors import Conflict, FieldError
from service.operations.reviews import approvals
from service.operations.variants import variant_row
from service.published import PublishedVersion
from solver import check


def publish_variant(db: Db, session_row: SessionRow, variant_id: int, note: str = "") -> PublishedVersion:
    """Publish variant `variant_id` as the session's next version.

    Conflict when it has no programme, breaks a rule, or has fewer current approvals than the session needs.
    """
    row = variant_row(db, session_row.id, variant_id)
    variant = store.draft(row)
    if variant.programme is None:
        raise Conflict.at("variant_id", "the variant has no programme")
    # Versions are checked against the session as stored: a variant's own format or slots must be made the session's first.
    session = session_of(session_row)
    broken = check(session, variant.programme)
    if broken:
        raise Conflict([FieldError(f"variant_id.violations[{v.rule}]", v.message) for v in broken])
    current = sum(a.current for a in approvals(db, row))
    if current < session_row.approvals_needed:
        raise Conflict.at("variant_id.approvals", f"publishing needs {session_row.approvals_needed} current approval(s) of the bureau; "
                          f"this variant has {current} (an approval goes out of date when the variant changes)")
    return published.publish(db, session_row.id, session, variant.programme, note)
