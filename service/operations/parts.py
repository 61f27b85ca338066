"""The parts of a session (slots, bodies, rooms, agenda items, documents, pins, forbidden slots, pairs): list, add, replace, delete.

One `Part` per kind says how its rows are found, written, shown and deleted; every write is then
checked against the whole session (`ensure_whole`), so a part never leaves the session inconsistent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from service.db import repository as r
from service.db.models import AvoidRow, BodyRow, DocumentRow, ForbiddenRow, ItemRow, PinRow, RoomRow, SessionRow, SlotRow
from service.errors import FieldError, NotFound, refused
from service.operations.sessions import ensure_whole
from service.sessionfile import convert as f
from service.sessionfile import models as fm
from service.sessionfile.models import DocumentCreate, ItemCreate, SlotCreate


@dataclass(frozen=True)
class Part:
    """One kind of part of a session, and how the API reads and writes its rows."""

    plural: str
    label: str
    create: type[BaseModel]
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


def _write_item(session: SessionRow, row: ItemRow, body: ItemCreate) -> list[FieldError]:
    position = body.position if body.position is not None else row.position
    codes = {i.code for i in session.items if i is not row and i.body.key == body.body} | {body.code}
    if row.id is not None:
        r.touch(row)
    return r.write_item(session, row, f.item_of(body, position, codes))


def _new_document(session: SessionRow, body: DocumentCreate) -> DocumentRow:
    return DocumentRow(position=0)  # placed under its item by _write_document


def _write_document(session: SessionRow, row: DocumentRow, body: DocumentCreate) -> list[FieldError]:
    item = next((i for i in session.items if i.id == body.item_id), None)
    if item is None:
        return [FieldError("item_id", f"no item {body.item_id} in this session")]
    r.touch(item)
    if row.item is not item:
        if row.item is not None:
            r.touch(row.item)
            row.item.documents.remove(row)
        row.position = max((d.position for d in item.documents), default=-1) + 1
        item.documents.append(row)
    row.symbol, row.title = body.symbol, body.title
    return []


def _delete_document(session: SessionRow, row: DocumentRow) -> list[FieldError]:
    r.touch(row.item)
    row.item.documents.remove(row)
    return []


def _delete_body(session: SessionRow, row: BodyRow) -> list[FieldError]:
    r.delete_body(session, row)
    return []


PARTS = [
    Part(
        "slots", "slot", SlotCreate,
        rows=lambda x: sorted(x.slots, key=lambda y: (y.date is not None, y.date, y.start)),
        new=_append("slots", SlotRow),
        write=lambda x, row, b: r.write_slot(row, f.slot_of(b), b.date) or [],
        show=lambda row: {**f.slot_out(r.slot_of(row)), "date": row.date},
        delete=_remove("slots"),
    ),
    Part(
        "bodies", "body", fm.BodyIn,
        rows=lambda x: sorted(x.bodies, key=lambda y: y.position),
        new=_append("bodies", BodyRow, positioned=True),
        write=lambda x, row, b: r.write_body(row, f.body_of(b)) or [],
        show=lambda row: f.body_out(r.body_of(row)),
        delete=_delete_body,
    ),
    Part(
        "rooms", "room", fm.RoomIn,
        rows=lambda x: sorted(x.rooms, key=lambda y: y.position),
        new=_append("rooms", RoomRow, positioned=True),
        write=lambda x, row, b: r.write_room(row, f.room_of(b)) or [],
        show=lambda row: f.room_out(r.room_of(row)),
        delete=_remove("rooms"),
    ),
    Part(
        "items", "agenda item", ItemCreate,
        rows=lambda x: sorted(x.items, key=lambda y: y.position),
        new=_append("items", ItemRow, positioned=True),
        write=_write_item,
        show=lambda row: {**f.item_out(r.item_of(row)), "position": row.position},
        delete=r.delete_item,
    ),
    Part(
        "documents", "document", DocumentCreate,
        rows=lambda x: [d for i in sorted(x.items, key=lambda y: y.position) for d in i.documents],
        new=_new_document,
        write=_write_document,
        show=lambda row: {"symbol": row.symbol, "title": row.title, "item_id": row.item.id},
        delete=_delete_document,
    ),
    Part(
        "pins", "pin", fm.PinIn,
        rows=lambda x: list(x.pins),
        new=_append("pins", PinRow),
        write=lambda x, row, b: r.write_pin(x, row, f.pin_of(b)),
        show=lambda row: f.pin_out(r.pin_of(row)),
        delete=_remove("pins"),
    ),
    Part(
        "forbidden", "forbidden slot", fm.ForbiddenIn,
        rows=lambda x: list(x.forbidden),
        new=_append("forbidden", ForbiddenRow),
        write=lambda x, row, b: r.write_forbidden(x, row, f.forbidden_of(b)),
        show=lambda row: f.forbidden_out(r.forbidden_of(row)),
        delete=_remove("forbidden"),
    ),
    Part(
        "avoid-parallel", "pair to avoid in parallel", fm.AvoidIn,
        rows=lambda x: list(x.avoid_parallel),
        new=_append("avoid_parallel", AvoidRow),
        write=lambda x, row, b: r.write_avoid(x, row, f.avoid_of(b)),
        show=lambda row: f.avoid_out(r.avoid_of(row)),
        delete=_remove("avoid_parallel"),
    ),
]


BY_PLURAL = {p.plural: p for p in PARTS}


def part_row(session: SessionRow, part: Part, row_id: int) -> Any:
    """One row of a part; NotFound when the session has none with this id."""
    row = next((x for x in part.rows(session) if x.id == row_id), None)
    if row is None:
        raise NotFound.at("path.id", f"no {part.label} {row_id} in session {session.id}")
    return row


def save_part(session: SessionRow, part: Part, row: Any, body: Any) -> dict[str, Any]:
    """Write a new or existing row from `body`; what it now shows."""
    errors = part.write(session, row, body)
    if errors:
        raise refused(errors)
    ensure_whole(session, row)
    return part.show(row)


def add_part(session: SessionRow, part: Part, body: Any) -> Any:
    """A new row of the part; the caller flushes (its id) before showing it."""
    row = part.new(session, body)
    save_part(session, part, row, body)
    return row


def delete_part(session: SessionRow, part: Part, row: Any) -> None:
    errors = part.delete(session, row)
    if errors:
        raise refused(errors)
    ensure_whole(session)
