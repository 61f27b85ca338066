"""Create, read, list, replace and delete the parts of a session: slots, bodies, rooms, items, documents, pins..."""

# No `from __future__ import annotations`: FastAPI reads the body types of the generated routes at runtime.

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from service.db.tokens import Role
from service.operations import parts as ops
from service.operations.sessions import session_row
from service.web import preconditions
from service.web.access import guarded
from service.web.api import schemas as s
from service.web.deps import DbDep, Page, PagingDep, RowId, SessionId
from service.web.errors import REFUSALS

OUT: dict[str, type[BaseModel]] = {
    "slots": s.SlotOut, "bodies": s.BodyOut, "rooms": s.RoomOut, "items": s.ItemOut, "documents": s.DocumentOut,
    "pins": s.PinOut, "forbidden": s.ForbiddenOut, "avoid-parallel": s.AvoidOut,
}


def _routes(router: APIRouter, part: ops.Part) -> None:
    base = "/sessions/{session_id}/" + part.plural
    tag = [part.plural]
    Create, Out = part.create, OUT[part.plural]
    name = part.plural.replace("-", "_")

    def out(row: Any) -> Any:
        return Out.model_validate({"id": row.id, **part.show(row)})

    @router.get(base, tags=tag, operation_id=f"list_{name}", responses=REFUSALS, summary=f"List the {part.plural} of a session")
    def list_rows(session_id: SessionId, db: DbDep, paging: PagingDep) -> Page[Out]:  # type: ignore[valid-type]
        rows = part.rows(session_row(db, session_id))
        return Page[Out](items=[out(x) for x in rows[paging.offset : paging.offset + paging.limit]], total=len(rows), limit=paging.limit, offset=paging.offset)  # type: ignore[valid-type]

    @router.post(base, tags=tag, operation_id=f"create_{name}", status_code=201, responses=REFUSALS, summary=f"Add a {part.label}")
    def create(session_id: SessionId, body: Create, db: DbDep) -> Out:  # type: ignore[valid-type]
        row = ops.add_part(session_row(db, session_id), part, body)
        db.commit()
        return out(row)

    @router.get(base + "/{id}", tags=tag, operation_id=f"read_{name}", responses=REFUSALS, summary=f"Read a {part.label}")
    def read(session_id: SessionId, id: RowId, db: DbDep, response: Response) -> Out:  # type: ignore[valid-type]
        row = ops.part_row(session_row(db, session_id), part, id)
        preconditions.tagged(response, getattr(row, "version", None))
        return out(row)

    @router.put(base + "/{id}", tags=tag, operation_id=f"replace_{name}", responses={**REFUSALS, **preconditions.STALE}, summary=f"Replace a {part.label}")
    def replace(session_id: SessionId, id: RowId, body: Create, db: DbDep, response: Response, if_match: preconditions.IfMatch = None) -> Out:  # type: ignore[valid-type]
        session = session_row(db, session_id)
        row = ops.part_row(session, part, id)
        preconditions.check(if_match, getattr(row, "version", None))
        ops.save_part(session, part, row, body)
        db.commit()
        preconditions.tagged(response, getattr(row, "version", None))
        return out(row)

    @router.delete(base + "/{id}", tags=tag, operation_id=f"delete_{name}", status_code=204, responses={**REFUSALS, **preconditions.STALE}, summary=f"Delete a {part.label}")
    def delete(session_id: SessionId, id: RowId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
        session = session_row(db, session_id)
        row = ops.part_row(session, part, id)
        preconditions.check(if_match, getattr(row, "version", None))
        ops.delete_part(session, part, row)
        db.commit()
        return Response(status_code=204)


router = guarded(read=Role.bureau, write=Role.secretariat)
for _part in ops.PARTS:
    _routes(router, _part)
