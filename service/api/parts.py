"""Create, read, list, replace and delete the parts of a session: slots, bodies, rooms, items, documents, pins..."""

# No `from __future__ import annotations`: FastAPI reads the body types of the generated routes at runtime.

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel

from service.api import preconditions
from service.api import schemas as s
from service.api.access import guarded
from service.api.deps import DbDep, Page, PagingDep, RowId, SessionId, commit_checked, session_or_404
from service.api.errors import REFUSALS, not_found, refusal
from service.db import repository as r
from service.db.tokens import Role
from service.db.models import AvoidRow, BodyRow, DocumentRow, ForbiddenRow, ItemRow, PinRow, RoomRow, SessionRow, SlotRow
from service.sessionfile import FieldError
from service import sessionfile as f


@dataclass(frozen=True)
class Part:
    """One kind of part of a session, and how the API reads and writes its rows."""

    plural: str
    label: str
    create: type[BaseModel]
    out: type[BaseModel]
    rows: Callable[[SessionRow], list[Any]]
    new: Callable[[SessionRow, Any], Any]  # a new empty row in its place, for this request
    write: Callable[[SessionRow, Any, Any], list[FieldError]]
    show: Callable[[Any], dict[str, Any]]
    delete: Callable[[SessionRow, Any], list[FieldError]]


def _append(collection: str, row_type: type, positioned: bool = False) -> Callable[[SessionRow, Any], Any]:
    def new(session: SessionRow, _body: Any) -> Any:
        rows = getattr(session, collection)
        row = row_type(position=max((x.position for x in rows), default=-1) + 1) if positioned else row_type()
        rows.append(row)
        return row

    return new


def _remove(collection: str) -> Callable[[SessionRow, Any], list[FieldError]]:
    def delete(session: SessionRow, row: Any) -> list[FieldError]:
        getattr(session, collection).remove(row)
        return []

    return delete


def _write_item(session: SessionRow, row: ItemRow, body: s.ItemCreate) -> list[FieldError]:
    position = body.position if body.position is not None else row.position
    codes = {i.code for i in session.items if i is not row and i.body.key == body.body} | {body.code}
    if row.id is not None:
        preconditions.touch(row)
    return r.write_item(session, row, f.item_of(body, position, codes))


def _new_document(session: SessionRow, body: s.DocumentCreate) -> DocumentRow:
    return DocumentRow(position=0)  # placed under its item by _write_document


def _write_document(session: SessionRow, row: DocumentRow, body: s.DocumentCreate) -> list[FieldError]:
    item = next((i for i in session.items if i.id == body.item_id), None)
    if item is None:
        return [FieldError("item_id", f"no item {body.item_id} in this session")]
    preconditions.touch(item)
    if row.item is not item:
        if row.item is not None:
            preconditions.touch(row.item)
            row.item.documents.remove(row)
        row.position = max((d.position for d in item.documents), default=-1) + 1
        item.documents.append(row)
    row.symbol, row.title = body.symbol, body.title
    return []


def _delete_document(session: SessionRow, row: DocumentRow) -> list[FieldError]:
    preconditions.touch(row.item)
    row.item.documents.remove(row)
    return []


def _delete_body(session: SessionRow, row: BodyRow) -> list[FieldError]:
    r.delete_body(session, row)
    return []


PARTS = [
    Part(
        "slots", "slot", s.SlotCreate, s.SlotOut,
        rows=lambda x: sorted(x.slots, key=lambda y: (y.date is not None, y.date, y.start)),
        new=_append("slots", SlotRow),
        write=lambda x, row, b: r.write_slot(row, f.slot_of(b), b.date) or [],
        show=lambda row: {**f.slot_out(r.slot_of(row)), "date": row.date},
        delete=_remove("slots"),
    ),
    Part(
        "bodies", "body", f.BodyIn, s.BodyOut,
        rows=lambda x: sorted(x.bodies, key=lambda y: y.position),
        new=_append("bodies", BodyRow, positioned=True),
        write=lambda x, row, b: r.write_body(row, f.body_of(b)) or [],
        show=lambda row: f.body_out(r.body_of(row)),
        delete=_delete_body,
    ),
    Part(
        "rooms", "room", f.RoomIn, s.RoomOut,
        rows=lambda x: sorted(x.rooms, key=lambda y: y.position),
        new=_append("rooms", RoomRow, positioned=True),
        write=lambda x, row, b: r.write_room(row, f.room_of(b)) or [],
        show=lambda row: f.room_out(r.room_of(row)),
        delete=_remove("rooms"),
    ),
    Part(
        "items", "agenda item", s.ItemCreate, s.ItemOut,
        rows=lambda x: sorted(x.items, key=lambda y: y.position),
        new=_append("items", ItemRow, positioned=True),
        write=_write_item,
        show=lambda row: {**f.item_out(r.item_of(row)), "position": row.position},
        delete=r.delete_item,
    ),
    Part(
        "documents", "document", s.DocumentCreate, s.DocumentOut,
        rows=lambda x: [d for i in sorted(x.items, key=lambda y: y.position) for d in i.documents],
        new=_new_document,
        write=_write_document,
        show=lambda row: {"symbol": row.symbol, "title": row.title, "item_id": row.item.id},
        delete=_delete_document,
    ),
    Part(
        "pins", "pin", f.PinIn, s.PinOut,
        rows=lambda x: list(x.pins),
        new=_append("pins", PinRow),
        write=lambda x, row, b: r.write_pin(x, row, f.pin_of(b)),
        show=lambda row: f.pin_out(r.pin_of(row)),
        delete=_remove("pins"),
    ),
    Part(
        "forbidden", "forbidden slot", f.ForbiddenIn, s.ForbiddenOut,
        rows=lambda x: list(x.forbidden),
        new=_append("forbidden", ForbiddenRow),
        write=lambda x, row, b: r.write_forbidden(x, row, f.forbidden_of(b)),
        show=lambda row: f.forbidden_out(r.forbidden_of(row)),
        delete=_remove("forbidden"),
    ),
    Part(
        "avoid-parallel", "pair to avoid in parallel", f.AvoidIn, s.AvoidOut,
        rows=lambda x: list(x.avoid_parallel),
        new=_append("avoid_parallel", AvoidRow),
        write=lambda x, row, b: r.write_avoid(x, row, f.avoid_of(b)),
        show=lambda row: f.avoid_out(r.avoid_of(row)),
        delete=_remove("avoid_parallel"),
    ),
]


def _routes(router: APIRouter, part: Part) -> None:
    base = "/sessions/{session_id}/" + part.plural
    tag = [part.plural]
    Create, Out = part.create, part.out
    name = part.plural.replace("-", "_")

    def find(session: SessionRow, row_id: int) -> Any:
        row = next((x for x in part.rows(session) if x.id == row_id), None)
        if row is None:
            raise not_found("path.id", f"no {part.label} {row_id} in session {session.id}")
        return row

    def out(row: Any) -> Any:
        return Out.model_validate({"id": row.id, **part.show(row)})

    def save(db: DbDep, session: SessionRow, row: Any, body: Any) -> Any:
        errors = part.write(session, row, body)
        if errors:
            raise refusal(errors)
        commit_checked(db, session, row)
        return out(row)

    @router.get(base, tags=tag, operation_id=f"list_{name}", responses=REFUSALS, summary=f"List the {part.plural} of a session")
    def list_rows(session_id: SessionId, db: DbDep, paging: PagingDep) -> Page[Out]:  # type: ignore[valid-type]
        rows = part.rows(session_or_404(db, session_id))
        return Page[Out](items=[out(x) for x in rows[paging.offset : paging.offset + paging.limit]], total=len(rows), limit=paging.limit, offset=paging.offset)  # type: ignore[valid-type]

    @router.post(base, tags=tag, operation_id=f"create_{name}", status_code=201, responses=REFUSALS, summary=f"Add a {part.label}")
    def create(session_id: SessionId, body: Create, db: DbDep) -> Out:  # type: ignore[valid-type]
        session = session_or_404(db, session_id)
        return save(db, session, part.new(session, body), body)

    @router.get(base + "/{id}", tags=tag, operation_id=f"read_{name}", responses=REFUSALS, summary=f"Read a {part.label}")
    def read(session_id: SessionId, id: RowId, db: DbDep, response: Response) -> Out:  # type: ignore[valid-type]
        row = find(session_or_404(db, session_id), id)
        preconditions.tagged(response, getattr(row, "version", None))
        return out(row)

    @router.put(base + "/{id}", tags=tag, operation_id=f"replace_{name}", responses={**REFUSALS, **preconditions.STALE}, summary=f"Replace a {part.label}")
    def replace(session_id: SessionId, id: RowId, body: Create, db: DbDep, response: Response, if_match: preconditions.IfMatch = None) -> Out:  # type: ignore[valid-type]
        session = session_or_404(db, session_id)
        row = find(session, id)
        preconditions.check(if_match, getattr(row, "version", None))
        saved = save(db, session, row, body)
        preconditions.tagged(response, getattr(row, "version", None))
        return saved

    @router.delete(base + "/{id}", tags=tag, operation_id=f"delete_{name}", status_code=204, responses={**REFUSALS, **preconditions.STALE}, summary=f"Delete a {part.label}")
    def delete(session_id: SessionId, id: RowId, db: DbDep, if_match: preconditions.IfMatch = None) -> Response:
        session = session_or_404(db, session_id)
        row = find(session, id)
        preconditions.check(if_match, getattr(row, "version", None))
        errors = part.delete(session, row)
        if errors:
            raise refusal(errors)
        commit_checked(db, session)
        return Response(status_code=204)


router = guarded(read=Role.bureau, write=Role.secretariat)
for _part in PARTS:
    _routes(router, _part)
