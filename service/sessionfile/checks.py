"""Cross-field checks of a session file, one named function per section: session, slots, bodies, agenda, rules, programme."""

from __future__ import annotations

import datetime as dt

from service.errors import FieldError
from service.sessionfile.models import WEEKDAYS, SessionDraft, SlotIn


class _Checks:
    """The errors found so far, and what every section needs of the session: its days and slots."""

    def __init__(self, f: SessionDraft):
        self.f = f
        self.errors: list[FieldError] = []
        self.workdays = {WEEKDAYS.index(d) for d in f.session.working_days}
        self.day_slots = {ds.date: ds.slots for ds in f.day_slots}

    def err(self, path: str, reason: str, conflict: bool = False) -> None:
        self.errors.append(FieldError(path, reason, conflict))

    def not_working(self, path: str, day: dt.date) -> None:
        if day.weekday() not in self.workdays:
            self.err(path, f"{day} is a {WEEKDAYS[day.weekday()].capitalize()}, not a working day of the session")

    def day(self, path: str, day: dt.date) -> None:
        s = self.f.session
        if not (s.first_day <= day <= s.last_day):
            self.err(path, f"{day} is outside the session ({s.first_day} to {s.last_day})")
        else:
            self.not_working(path, day)

    def slot(self, path: str, day: dt.date, slot: dt.time | None) -> None:
        if slot is not None and slot not in {x.start for x in self.day_slots.get(day, self.f.slots)}:
            self.err(path, f"no slot starts at {slot:%H:%M} on {day}")


def _session(c: _Checks) -> None:
    s = c.f.session
    if not s.name_en:
        c.err("session.name_en", "an English name is required")
    if s.first_day > s.last_day:
        c.err("session.first_day", f"first day {s.first_day} is after the last day {s.last_day}")
    for name in ("first_day", "last_day"):
        c.not_working(f"session.{name}", getattr(s, name))


def _slot_list(c: _Checks, path: str, slots: list[SlotIn]) -> None:
    for i, slot in enumerate(slots):
        if slot.end <= slot.start:
            c.err(f"{path}[{i}].end", f"slot ends at {slot.end:%H:%M}, not after its start {slot.start:%H:%M}")
    ordered = sorted(range(len(slots)), key=lambda i: slots[i].start)
    for a, b in zip(ordered, ordered[1:]):
        if slots[b].start < slots[a].end:
            c.err(f"{path}[{b}].start", f"slot {slots[b].start:%H:%M} overlaps slot {slots[a].start:%H:%M}-{slots[a].end:%H:%M}", conflict=True)


def _slots(c: _Checks) -> None:
    _slot_list(c, "slots", c.f.slots)
    seen: set[dt.date] = set()
    for i, ds in enumerate(c.f.day_slots):
        c.day(f"day_slots[{i}].date", ds.date)
        if ds.date in seen:
            c.err(f"day_slots[{i}].date", f"slots for {ds.date} are given twice", conflict=True)
        seen.add(ds.date)
        _slot_list(c, f"day_slots[{i}].slots", ds.slots)


def _bodies(c: _Checks) -> None:
    keys: set[str] = set()
    for i, body in enumerate(c.f.bodies):
        if body.key in keys:
            c.err(f"bodies[{i}].key", f"duplicate body key {body.key!r}", conflict=True)
        keys.add(body.key)
        if body.window:
            for end in ("from_", "to"):
                day = getattr(body.window, end)
                if day is not None:
                    c.day(f"bodies[{i}].window.{end.rstrip('_')}", day)
            if body.window.from_ and body.window.to and body.window.from_ > body.window.to:
                c.err(f"bodies[{i}].window", "window starts after it ends")
    rooms: set[str] = set()
    for i, room in enumerate(c.f.rooms):
        if room.key in rooms:
            c.err(f"rooms[{i}].key", f"duplicate room key {room.key!r}", conflict=True)
        rooms.add(room.key)


def _agenda(c: _Checks) -> None:
    f = c.f
    bodies = {b.key for b in f.bodies}
    codes: dict[tuple[str, str], int] = {}
    for i, item in enumerate(f.agenda):
        if item.body not in bodies:
            c.err(f"agenda[{i}].body", f"unknown body {item.body!r} (bodies: {', '.join(bodies) or 'none'})")
        if (item.body, item.code) in codes:
            c.err(f"agenda[{i}].code", f"duplicate item code {item.code!r} in body {item.body!r}", conflict=True)
        codes[(item.body, item.code)] = i
        if item.heading and item.minutes:
            c.err(f"agenda[{i}].minutes", "a heading has no minutes of its own: its time is in its sub-items")
        if not item.heading and item.minutes is None:
            c.err(f"agenda[{i}].minutes", "required for an item that is not a heading")
    for i, item in enumerate(f.agenda):
        for other_body, other_code in item.joint_with.items():
            path = f"agenda[{i}].joint_with.{other_body}"
            if other_body not in bodies:
                c.err(path, f"unknown body {other_body!r}")
            elif other_body == item.body:
                c.err(path, "an item cannot be joint with its own body")
            elif (other_body, other_code) not in codes:
                c.err(path, f"body {other_body!r} has no item {other_code!r}", conflict=True)
            else:
                other = f.agenda[codes[(other_body, other_code)]]
                if other.minutes != item.minutes and not item.heading:
                    c.err(f"agenda[{i}].minutes", f"joint item {item.code!r} has {item.minutes} minutes but {other_body} {other_code!r} has {other.minutes}")
        if item.parent is not None and (item.body, item.parent) not in codes:
            bodies_with = [b for (b, code) in codes if code == item.parent]
            reason = (
                f"parent {item.parent!r} is an item of body {bodies_with[0]!r}, not of {item.body!r}"
                if bodies_with
                else f"no item {item.parent!r} in body {item.body!r}"
            )
            c.err(f"agenda[{i}].parent", reason, conflict=True)
        elif item.parent == item.code:
            c.err(f"agenda[{i}].parent", "an item cannot be its own parent")


def _rules(c: _Checks) -> None:
    f = c.f
    bodies = {b.key for b in f.bodies}
    codes = {(i.body, i.code) for i in f.agenda}
    for i, pin in enumerate(f.rules.pins):
        if (pin.body, pin.code) not in codes:
            c.err(f"rules.pins[{i}]", f"no item {pin.code!r} in body {pin.body!r}", conflict=True)
        c.day(f"rules.pins[{i}].date", pin.date)
        c.slot(f"rules.pins[{i}].slot", pin.date, pin.slot)
    for i, fb in enumerate(f.rules.forbidden):
        if fb.body is not None and fb.body not in bodies:
            c.err(f"rules.forbidden[{i}].body", f"unknown body {fb.body!r}", conflict=True)
        c.day(f"rules.forbidden[{i}].date", fb.date)
        c.slot(f"rules.forbidden[{i}].slot", fb.date, fb.slot)
    for i, av in enumerate(f.rules.avoid_parallel):
        for end in ("first", "second"):
            ref = getattr(av, end)
            body, _, code = ref.partition(":")
            if body not in bodies or (code and (body, code) not in codes):
                c.err(f"rules.avoid_parallel[{i}].{end}", f"{ref!r} names no body or `body:code` item", conflict=True)


def _programme(c: _Checks) -> None:
    f = c.f
    bodies = {b.key for b in f.bodies}
    codes = {(i.body, i.code) for i in f.agenda}
    rooms = {r.key for r in f.rooms}
    for i, row in enumerate(f.programme or []):
        c.day(f"programme[{i}].date", row.date)
        c.slot(f"programme[{i}].slot", row.date, row.slot)
        if row.room is not None and row.room not in rooms:
            c.err(f"programme[{i}].room", f"unknown room {row.room!r}")
        for body, item_codes in row.items.items():
            if body not in bodies:
                c.err(f"programme[{i}].items.{body}", f"unknown body {body!r}")
                continue
            for j, code in enumerate(item_codes):
                if (body, code) not in codes:
                    c.err(f"programme[{i}].items.{body}[{j}]", f"no item {code!r} in body {body!r}")


SECTIONS = (_session, _slots, _bodies, _agenda, _rules, _programme)


def check(f: SessionDraft) -> list[FieldError]:
    """Cross-field rules that pydantic cannot see one field at a time, section by section."""
    checks = _Checks(f)
    for section in SECTIONS:
        section(checks)
    return checks.errors
