"""Session files to and from the solver's domain types, one part at a time (the API and the database reuse them)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from service.sessionfile.models import (
    WEEKDAYS,
    AvoidIn,
    BodyIn,
    ForbiddenIn,
    ItemIn,
    PinIn,
    RoomIn,
    RulesIn,
    SessionDraft,
    SessionFile,
    SlotIn,
    TeamsIn,
)
from solver import problem as p
from solver.programme import Programme, programme_from_rows


def _items_code_parent(code: str, codes: set[str]) -> str | None:
    """The parent of `2(a)` is `2` when the body has an item `2`."""
    match = re.fullmatch(r"(.+?)\([^()]+\)", code)
    return match.group(1) if match and match.group(1) in codes else None


def slot_of(s: SlotIn) -> p.Slot:
    return p.Slot(s.start, s.end, s.texts("label"))


def body_of(b: BodyIn) -> p.Body:
    return p.Body(
        key=b.key,
        names=b.texts("name"),
        kind=b.kind or ("plenary" if b.key == "plenary" else "working_group"),
        interpreted=b.interpreted,
        window_from=b.window.from_ if b.window else None,
        window_to=b.window.to if b.window else None,
    )


def room_of(r: RoomIn) -> p.Room:
    return p.Room(r.key, r.name or r.key, r.seats, r.booths, r.hybrid)


def item_of(item: ItemIn, position: int, body_codes: set[str]) -> p.AgendaItem:
    """An agenda item; without an explicit parent, `2(a)` belongs to `2` when the body has one."""
    return p.AgendaItem(
        body=item.body,
        code=item.code,
        position=position,
        titles=item.texts("title"),
        minutes=item.minutes,
        heading=item.heading,
        parent=item.parent or _items_code_parent(item.code, body_codes),
        joint_with=tuple(sorted(item.joint_with.items())),
        reserved=item.reserved,
        exclusive=item.exclusive,
        documents=tuple(p.Document(d.symbol, d.title) for d in item.documents),
    )


def teams_of(t: TeamsIn | None) -> p.InterpreterTeams | None:
    return p.InterpreterTeams(t.teams, t.per_day, t.per_week) if t else None


def pin_of(x: PinIn) -> p.Pin:
    return p.Pin(x.body, x.code, x.date, x.slot, x.mode)


def forbidden_of(x: ForbiddenIn) -> p.ForbiddenSlot:
    return p.ForbiddenSlot(x.date, x.slot, x.body)


def avoid_of(x: AvoidIn) -> p.AvoidParallel:
    return p.AvoidParallel(x.first, x.second, x.weight)


def rules_of(r: RulesIn) -> p.Rules:
    return p.Rules(
        interpreted_meetings_total=r.interpreted_meetings_total,
        interpreted_at_once=r.interpreted_at_once,
        max_meeting_minutes=r.max_meeting_minutes,
        interpreter_teams=teams_of(r.interpreter_teams),
        agenda_order=r.agenda_order,
        pins=tuple(pin_of(x) for x in r.pins),
        forbidden=tuple(forbidden_of(x) for x in r.forbidden),
        avoid_parallel=tuple(avoid_of(x) for x in r.avoid_parallel),
    )


def to_session(f: SessionDraft) -> p.Session:
    """The solver's problem for a validated session file."""
    s = f.session
    codes_by_body: dict[str, set[str]] = {}
    for item in f.agenda:
        codes_by_body.setdefault(item.body, set()).add(item.code)
    return p.Session(
        names=s.texts("name"),
        symbols=tuple(s.symbols or ([s.symbol] if s.symbol else [])),
        venue=s.venue,
        timezone=s.timezone,
        first_day=s.first_day,
        last_day=s.last_day,
        format=s.format,
        approvals_needed=s.approvals_needed,
        working_weekdays=tuple(sorted({WEEKDAYS.index(d) for d in s.working_days})),
        excluded_days=tuple(sorted(set(s.excluded_days))),
        slots=tuple(slot_of(x) for x in sorted(f.slots, key=lambda x: x.start)),
        slots_by_day={ds.date: tuple(slot_of(x) for x in sorted(ds.slots, key=lambda x: x.start)) for ds in f.day_slots},
        bodies=tuple(body_of(b) for b in f.bodies),
        rooms=tuple(room_of(x) for x in f.rooms),
        agenda=tuple(item_of(item, pos, codes_by_body[item.body]) for pos, item in enumerate(f.agenda)),
        rules=rules_of(f.rules),
        style=p.DocumentStyle(**f.style.model_dump()),
    )


@dataclass(frozen=True)
class LoadedSession:
    """A session read from a file, with the programme it carries (if any)."""

    file: SessionFile
    session: p.Session
    programme: Programme | None

    @property
    def notes(self) -> list[str]:
        return list(self.file.rules_stated_in_document)

def loaded(model: SessionFile) -> LoadedSession:
    """A checked session file with its session and programme."""
    session = to_session(model)
    programme = None
    if model.programme is not None:
        programme = programme_from_rows(session, [r.model_dump() for r in model.programme])
    return LoadedSession(model, session, programme)

# From the domain types back to the file's dicts, one part at a time.


def _texts(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{lang}": texts[lang] for lang in p.LANGUAGES if texts.get(lang)}


def _hhmm(t: dt.time | None) -> str | None:
    return t.strftime("%H:%M") if t else None


def slot_out(s: p.Slot) -> dict[str, Any]:
    return {"start": s.key, "end": s.end.strftime("%H:%M"), **_texts("label", s.labels)}


def session_out(session: p.Session) -> dict[str, Any]:
    return {
        **_texts("name", session.names),
        "symbols": list(session.symbols),
        "venue": session.venue,
        "timezone": session.timezone,
        "first_day": session.first_day,
        "last_day": session.last_day,
        "format": session.format,
        "working_days": [WEEKDAYS[d] for d in session.working_weekdays],
        "excluded_days": list(session.excluded_days),
        # Written only when set, so the files of sessions that need no approval stay as they were.
        **({"approvals_needed": session.approvals_needed} if session.approvals_needed else {}),
    }


def body_out(b: p.Body) -> dict[str, Any]:
    return {
        "key": b.key,
        **_texts("name", b.names),
        "kind": b.kind,
        "interpreted": b.interpreted,
        **({"window": {"from": b.window_from, "to": b.window_to}} if b.has_window else {}),
    }


def room_out(r: p.Room) -> dict[str, Any]:
    return {"key": r.key, "name": r.name, "seats": r.seats, "booths": r.booths, "hybrid": r.hybrid}


def item_out(i: p.AgendaItem) -> dict[str, Any]:
    return {
        "code": i.code,
        "body": i.body,
        **_texts("title", i.titles),
        **({"minutes": i.minutes} if i.minutes is not None else {}),
        "heading": i.heading,
        "parent": i.parent,
        "joint_with": dict(i.joint_with),
        "reserved": i.reserved,
        "exclusive": i.exclusive,
        "documents": [{"symbol": d.symbol, "title": d.title} for d in i.documents],
    }


def teams_out(t: p.InterpreterTeams | None) -> dict[str, int] | None:
    return {"teams": t.teams, "per_day": t.per_day, "per_week": t.per_week} if t else None


def pin_out(x: p.Pin) -> dict[str, Any]:
    return {"body": x.body, "code": x.code, "date": x.date, "slot": _hhmm(x.slot), "mode": x.mode}


def forbidden_out(x: p.ForbiddenSlot) -> dict[str, Any]:
    return {"date": x.date, "slot": _hhmm(x.slot), "body": x.body}


def avoid_out(x: p.AvoidParallel) -> dict[str, Any]:
    return {"first": x.first, "second": x.second, "weight": x.weight}


def rules_out(r: p.Rules) -> dict[str, Any]:
    return {
        "interpreted_meetings_total": r.interpreted_meetings_total,
        "interpreted_at_once": r.interpreted_at_once,
        "max_meeting_minutes": r.max_meeting_minutes,
        "interpreter_teams": teams_out(r.interpreter_teams),
        "agenda_order": r.agenda_order,
        "pins": [pin_out(x) for x in r.pins],
        "forbidden": [forbidden_out(x) for x in r.forbidden],
        "avoid_parallel": [avoid_out(x) for x in r.avoid_parallel],
    }


def export(session: p.Session, programme: Programme | None = None, notes: list[str] | None = None) -> dict[str, Any]:
    """The session file for a session (and programme): parse(export(x)) gives x back."""
    out: dict[str, Any] = {
        "session": session_out(session),
        "rules_stated_in_document": list(notes or []),
        "slots": [slot_out(s) for s in session.slots],
        "day_slots": [{"date": d, "slots": [slot_out(s) for s in slots]} for d, slots in sorted(session.slots_by_day.items())],
        "bodies": [body_out(b) for b in session.bodies],
        "rooms": [room_out(r) for r in session.rooms],
        "agenda": [item_out(i) for i in sorted(session.agenda, key=lambda i: i.position)],
        "rules": rules_out(session.rules),
    }
    if session.style != p.DocumentStyle():
        out["style"] = asdict(session.style)
    if programme is not None:
        out["programme"] = [
            {
                "date": m.date,
                "slot": _hhmm(m.slot),
                "items": {b: [t.code for t in m.items_of(b)] for b in m.bodies},
                **({"room": m.room} if m.room else {}),
            }
            for m in programme.sorted().meetings
        ]
    return out


