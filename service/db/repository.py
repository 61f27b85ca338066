"""Rows <-> the solver's domain types: store a `Session`, read one back, check it whole, delete parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session as Db
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

from service.db.models import (
    AvoidRow,
    BodyRow,
    DocumentRow,
    ForbiddenRow,
    ImportKeyRow,
    ItemJointRow,
    ItemRow,
    PinRow,
    RoomRow,
    RulesRow,
    SessionRow,
    SlotRow,
)
from service.errors import FieldError, SessionFileError
from service.sessionfile import SessionDraft, export, validate
from solver import problem as p

# --- writing rows from domain objects (the importer and the API share these) ---


def write_session(row: SessionRow, s: p.Session, notes: list[str] | None = None) -> None:
    """The session's own fields (not its parts)."""
    row.names = dict(s.names)
    row.symbols = list(s.symbols)
    row.venue = s.venue
    row.timezone = s.timezone
    row.first_day = s.first_day
    row.last_day = s.last_day
    row.working_weekdays = list(s.working_weekdays)
    row.excluded_days = [d.isoformat() for d in s.excluded_days]
    row.format = s.format
    row.approvals_needed = s.approvals_needed
    if notes is not None:
        row.notes = list(notes)


def write_style(row: SessionRow, style: p.DocumentStyle) -> None:
    """The annex's document style, stored apart from the session's fields so that replacing those keeps it."""
    row.style = asdict(style) if style != p.DocumentStyle() else None


def write_slot(row: SlotRow, slot: p.Slot, date: dt.date | None) -> None:
    row.date, row.start, row.end, row.labels = date, slot.start, slot.end, dict(slot.labels)


def write_body(row: BodyRow, b: p.Body) -> None:
    row.key, row.names, row.kind, row.interpreted = b.key, dict(b.names), b.kind, b.interpreted
    row.window_from, row.window_to = b.window_from, b.window_to


def write_room(row: RoomRow, r: p.Room) -> None:
    row.key, row.name, row.seats, row.booths, row.hybrid = r.key, r.name, r.seats, r.booths, r.hybrid


def body_row(session: SessionRow, key: str | None) -> BodyRow | None:
    return next((b for b in session.bodies if b.key == key), None)


def item_row(session: SessionRow, body: str, code: str) -> ItemRow | None:
    # A row being created has no body yet.
    return next((i for i in session.items if i.code == code and i.body is not None and i.body.key == body), None)


def write_item(session: SessionRow, row: ItemRow, item: p.AgendaItem) -> list[FieldError]:
    """Fill an item row, resolving its body, parent and joint items among the session's rows.

    Paths of the errors are relative to the item: `body`, `parent`, `joint_with.<body>`.
    """
    body = body_row(session, item.body)
    if body is None:
        known = ", ".join(b.key for b in session.bodies) or "none"
        return [FieldError("body", f"unknown body {item.body!r} (bodies: {known})")]
    errors = []
    parent = item_row(session, item.body, item.parent) if item.parent else None
    if item.parent and parent is None:
        elsewhere = [i.body.key for i in session.items if i.code == item.parent]
        reason = (
            f"parent {item.parent!r} is an item of body {elsewhere[0]!r}, not of {item.body!r}"
            if elsewhere
            else f"no item {item.parent!r} in body {item.body!r}"
        )
        errors.append(FieldError("parent", reason, conflict=True))
    joints = []
    for other_body, other_code in item.joint_with:
        other = item_row(session, other_body, other_code)
        if other is None:
            errors.append(FieldError(f"joint_with.{other_body}", f"body {other_body!r} has no item {other_code!r}", conflict=True))
        else:
            joints.append(other)
    if errors:
        return errors
    row.body, row.code, row.position, row.titles = body, item.code, item.position, dict(item.titles)
    row.minutes, row.heading, row.parent = item.minutes, item.heading, parent
    row.reserved, row.exclusive = item.reserved, item.exclusive
    # Keep unchanged link and document rows: replacing them would delete and insert the same keys in one flush.
    kept = {j.other_id: j for j in row.joints}
    row.joints = [kept.get(o.id) or ItemJointRow(other=o) for o in joints]
    if [(d.symbol, d.title) for d in row.documents] != [(d.symbol, d.title) for d in item.documents]:
        row.documents = [DocumentRow(position=n, symbol=d.symbol, title=d.title) for n, d in enumerate(item.documents)]
    return []


def write_rules(session: SessionRow, r: p.Rules) -> None:
    """The scalar rules and interpreter teams (pins, forbidden slots and pairs are rows of their own)."""
    row = session.rules or RulesRow()
    row.interpreted_meetings_total = r.interpreted_meetings_total
    row.interpreted_at_once = r.interpreted_at_once
    row.max_meeting_minutes = r.max_meeting_minutes
    t = r.interpreter_teams
    row.interpreter_teams = t.teams if t else None
    row.team_meetings_per_day = t.per_day if t else None
    row.team_meetings_per_week = t.per_week if t else None
    row.agenda_order = r.agenda_order
    session.rules = row


def write_pin(session: SessionRow, row: PinRow, pin: p.Pin) -> list[FieldError]:
    item = item_row(session, pin.body, pin.code)
    if item is None:
        return [FieldError("code", f"no item {pin.code!r} in body {pin.body!r}", conflict=True)]
    row.item, row.date, row.slot, row.mode = item, pin.date, pin.slot, pin.mode
    return []


def write_forbidden(session: SessionRow, row: ForbiddenRow, f: p.ForbiddenSlot) -> list[FieldError]:
    body = body_row(session, f.body) if f.body else None
    if f.body and body is None:
        return [FieldError("body", f"unknown body {f.body!r}", conflict=True)]
    row.date, row.slot, row.body = f.date, f.slot, body
    return []


def _ref(session: SessionRow, ref: str) -> tuple[BodyRow, ItemRow | None] | None:
    """`body` or `body:code` as rows."""
    key, _, code = ref.partition(":")
    body = body_row(session, key)
    item = item_row(session, key, code) if code else None
    return None if body is None or (code and item is None) else (body, item)


def write_avoid(session: SessionRow, row: AvoidRow, a: p.AvoidParallel) -> list[FieldError]:
    first, second = _ref(session, a.first), _ref(session, a.second)
    errors = [
        FieldError(end, f"{ref!r} names no body or `body:code` item", conflict=True)
        for end, ref, found in (("first", a.first, first), ("second", a.second, second))
        if found is None
    ]
    if errors:
        return errors
    assert first and second
    row.first_body, row.first_item = first
    row.second_body, row.second_item = second
    row.weight = a.weight
    return []


def add_session(db: Db, s: p.Session, notes: list[str] | None = None) -> SessionRow:
    """Store a whole (validated) session; the caller commits."""
    row = SessionRow(notes=[])
    write_session(row, s, notes)
    write_style(row, s.style)
    for slot in s.slots:
        row.slots.append(SlotRow())
        write_slot(row.slots[-1], slot, None)
    for day, slots in sorted(s.slots_by_day.items()):
        for slot in slots:
            row.slots.append(SlotRow())
            write_slot(row.slots[-1], slot, day)
    for n, b in enumerate(s.bodies):
        row.bodies.append(BodyRow(position=n))
        write_body(row.bodies[-1], b)
    for n, r in enumerate(s.rooms):
        row.rooms.append(RoomRow(position=n))
        write_room(row.rooms[-1], r)
    items = sorted(s.agenda, key=lambda i: i.position)
    # Parents and joint items may come later in the agenda: create every row before linking them.
    for item in items:
        row.items.append(ItemRow(code=item.code, body=body_row(row, item.body)))
    for item, item_r in zip(items, row.items):
        errors = write_item(row, item_r, item)
        assert not errors, errors  # the session file was validated
    write_rules(row, s.rules)
    for pin in s.rules.pins:
        row.pins.append(PinRow())
        write_pin(row, row.pins[-1], pin)
    for f in s.rules.forbidden:
        row.forbidden.append(ForbiddenRow())
        write_forbidden(row, row.forbidden[-1], f)
    for a in s.rules.avoid_parallel:
        row.avoid_parallel.append(AvoidRow())
        write_avoid(row, row.avoid_parallel[-1], a)
    db.add(row)
    db.flush()
    return row


# --- reading domain objects from rows ---


def slot_of(row: SlotRow) -> p.Slot:
    return p.Slot(row.start, row.end, dict(row.labels))


def body_of(row: BodyRow) -> p.Body:
    return p.Body(row.key, dict(row.names), row.kind, row.interpreted, row.window_from, row.window_to)


def room_of(row: RoomRow) -> p.Room:
    return p.Room(row.key, row.name, row.seats, row.booths, row.hybrid)


def item_of(row: ItemRow) -> p.AgendaItem:
    return p.AgendaItem(
        body=row.body.key,
        code=row.code,
        position=row.position,
        titles=dict(row.titles),
        minutes=row.minutes,
        heading=row.heading,
        parent=row.parent.code if row.parent else None,
        joint_with=tuple(sorted((j.other.body.key, j.other.code) for j in row.joints)),
        reserved=row.reserved,
        exclusive=row.exclusive,
        documents=tuple(p.Document(d.symbol, d.title) for d in row.documents),
    )


def pin_of(row: PinRow) -> p.Pin:
    return p.Pin(row.item.body.key, row.item.code, row.date, row.slot, row.mode)  # type: ignore[arg-type]


def forbidden_of(row: ForbiddenRow) -> p.ForbiddenSlot:
    return p.ForbiddenSlot(row.date, row.slot, row.body.key if row.body else None)


def _ref_text(body: BodyRow, item: ItemRow | None) -> str:
    return f"{body.key}:{item.code}" if item else body.key


def avoid_of(row: AvoidRow) -> p.AvoidParallel:
    return p.AvoidParallel(_ref_text(row.first_body, row.first_item), _ref_text(row.second_body, row.second_item), row.weight)


def rules_of(row: SessionRow) -> p.Rules:
    r = row.rules
    teams = None
    if r is not None and r.interpreter_teams is not None:
        teams = p.InterpreterTeams(r.interpreter_teams, r.team_meetings_per_day or 2, r.team_meetings_per_week or 7)
    return p.Rules(
        interpreted_meetings_total=r.interpreted_meetings_total if r else None,
        interpreted_at_once=r.interpreted_at_once if r else None,
        max_meeting_minutes=r.max_meeting_minutes if r else None,
        interpreter_teams=teams,
        agenda_order=r.agenda_order if r else "strict",  # type: ignore[arg-type]
        pins=tuple(pin_of(x) for x in row.pins),
        forbidden=tuple(forbidden_of(x) for x in row.forbidden),
        avoid_parallel=tuple(avoid_of(x) for x in row.avoid_parallel),
    )


def session_of(row: SessionRow) -> p.Session:
    """The domain session of a stored one."""
    by_day: dict[dt.date, list[p.Slot]] = {}
    for slot in row.slots:
        if slot.date is not None:
            by_day.setdefault(slot.date, []).append(slot_of(slot))
    return p.Session(
        names=dict(row.names),
        symbols=tuple(row.symbols),
        venue=row.venue,
        timezone=row.timezone,
        first_day=row.first_day,
        last_day=row.last_day,
        format=row.format,  # type: ignore[arg-type]
        approvals_needed=row.approvals_needed,
        working_weekdays=tuple(row.working_weekdays),
        excluded_days=tuple(dt.date.fromisoformat(d) for d in row.excluded_days),
        slots=tuple(slot_of(s) for s in sorted(row.slots, key=lambda s: s.start) if s.date is None),
        slots_by_day={d: tuple(sorted(v, key=lambda s: s.start)) for d, v in sorted(by_day.items())},
        bodies=tuple(body_of(b) for b in sorted(row.bodies, key=lambda b: b.position)),
        rooms=tuple(room_of(r) for r in sorted(row.rooms, key=lambda r: r.position)),
        agenda=tuple(item_of(i) for i in sorted(row.items, key=lambda i: i.position)),
        rules=rules_of(row),
        style=p.DocumentStyle(**row.style) if row.style else p.DocumentStyle(),
    )


def get_session(db: Db, session_id: int) -> SessionRow | None:
    """A session with all its parts loaded."""
    return db.scalars(
        select(SessionRow)
        .where(SessionRow.id == session_id)
        .options(
            selectinload(SessionRow.slots),
            selectinload(SessionRow.bodies),
            selectinload(SessionRow.rooms),
            selectinload(SessionRow.items).selectinload(ItemRow.joints),
            selectinload(SessionRow.items).selectinload(ItemRow.documents),
            selectinload(SessionRow.rules),
            selectinload(SessionRow.pins),
            selectinload(SessionRow.forbidden),
            selectinload(SessionRow.avoid_parallel),
        )
    ).one_or_none()


def find_session(db: Db, name_en: str, first_day: dt.date) -> SessionRow | None:
    """A stored session with this English name that opens on this day."""
    rows = db.scalars(select(SessionRow).where(SessionRow.first_day == first_day)).all()
    return next((r for r in rows if r.names.get("en") == name_en), None)


def imported_with(db: Db, key: str) -> SessionRow | None:
    """The session an import under this idempotency key made, if it is still stored."""
    found = db.get(ImportKeyRow, key)
    return get_session(db, found.session_id) if found is not None else None


def remember_import(db: Db, key: str, session_id: int) -> None:
    db.add(ImportKeyRow(key=key, session_id=session_id))
    db.flush()


# --- what the API needs beyond reading and writing: where a row sits in the session file, deletions ---


# Row type -> (its list in the session file, the session's attribute holding its rows).
_PLACES: dict[type, tuple[str, str]] = {
    BodyRow: ("bodies", "bodies"),
    RoomRow: ("rooms", "rooms"),
    ItemRow: ("agenda", "items"),
    PinRow: ("rules.pins", "pins"),
    ForbiddenRow: ("rules.forbidden", "forbidden"),
    AvoidRow: ("rules.avoid_parallel", "avoid_parallel"),
}


def file_paths(session: SessionRow, row: object) -> list[str]:
    """Where `row` sits in the session's file (`agenda[3]`), most specific first, to name errors after it."""
    if isinstance(row, SessionRow):
        return ["session"]
    if isinstance(row, RulesRow):
        return ["rules"]
    if isinstance(row, SlotRow):
        same_day = sorted((s for s in session.slots if s.date == row.date), key=lambda s: s.start)
        k = same_day.index(row)
        if row.date is None:
            return [f"slots[{k}]"]
        j = sorted({s.date for s in session.slots if s.date is not None}).index(row.date)
        return [f"day_slots[{j}].slots[{k}]", f"day_slots[{j}]"]
    if isinstance(row, DocumentRow):
        return [f"{file_paths(session, row.item)[0]}.documents[{row.item.documents.index(row)}]"]
    name, attribute = _PLACES[type(row)]
    rows = getattr(session, attribute)
    if name in ("bodies", "rooms", "agenda"):
        rows = sorted(rows, key=lambda r: r.position)
    return [f"{name}[{rows.index(row)}]"]


def check_stored(session: SessionRow) -> list[FieldError]:
    """What is wrong with a session as it now stands (in memory, before committing), by file path."""
    try:
        validate(export(session_of(session), None, list(session.notes)), SessionDraft)
    except SessionFileError as e:
        return e.errors
    return []


def _drop_item_references(session: SessionRow, items: set[ItemRow]) -> None:
    session.pins = [x for x in session.pins if x.item not in items]
    session.avoid_parallel = [x for x in session.avoid_parallel if x.first_item not in items and x.second_item not in items]


def delete_item(session: SessionRow, item: ItemRow) -> list[FieldError]:
    """Remove an item with its documents and pins; refused while sub-items or joint items point at it."""
    errors = [
        FieldError("(item)", f"item {other.code!r} of {other.body.key!r} is its sub-item; delete or move it first", conflict=True)
        for other in session.items
        if other.parent is item
    ] + [
        FieldError("(item)", f"item {other.code!r} of {other.body.key!r} is taken jointly with it; change it first", conflict=True)
        for other in session.items
        if any(j.other is item for j in other.joints)
    ]
    if errors:
        return errors
    _drop_item_references(session, {item})
    session.items.remove(item)
    return []


def delete_body(session: SessionRow, body: BodyRow) -> None:
    """Remove a body with its items, their joint links from other bodies, and rules that name it."""
    items = {i for i in session.items if i.body is body}
    for other in session.items:
        other.joints = [j for j in other.joints if j.other not in items]
    _drop_item_references(session, items)
    session.forbidden = [x for x in session.forbidden if x.body is not body]
    session.avoid_parallel = [x for x in session.avoid_parallel if body not in (x.first_body, x.second_body)]
    session.items = [i for i in session.items if i not in items]
    session.bodies.remove(body)


def list_sessions(db: Db, limit: int, offset: int) -> tuple[list[SessionRow], int]:
    total = db.scalar(select(func.count()).select_from(SessionRow)) or 0
    rows = db.scalars(select(SessionRow).order_by(SessionRow.id).limit(limit).offset(offset)).all()
    return list(rows), total


def touch(item: ItemRow) -> None:
    """Count a change of the item that its own row may not show (its joint items, its documents)."""
    flag_modified(item, "titles")
