"""The day's Journal: every meeting of one day in time order, with its time, room, bodies and items, as HTML or text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, select_autoescape

from service.exports.annex.headings import printed_once
from service.exports.annex.labels import day_label, direction, slot_label, words
from service.exports.annex.table import slot_at
from solver.problem import Session
from solver.programme import Programme

_ENV = Environment(loader=PackageLoader("service.exports", "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class JournalItem:
    code: str
    title: str


@dataclass(frozen=True)
class JournalMeeting:
    """One meeting as the Journal lists it: "10 a.m.–1 p.m.  Conference Room M3", the body, its items."""

    time: str
    room: str
    bodies: tuple[str, ...]
    joint: bool
    items: tuple[JournalItem, ...]


@dataclass(frozen=True)
class JournalDay:
    lang: str
    dir: str
    words: dict[str, str]
    session: str
    date: str
    meetings: tuple[JournalMeeting, ...]


def journal_day(session: Session, programme: Programme, day: dt.date, lang: str = "en") -> JournalDay:
    """The day's meetings in time order (then in the order of the session's bodies)."""
    w = words(lang)
    order = [b.key for b in session.bodies]
    rooms = {r.key: r.name for r in session.rooms}
    here = sorted((m for m in programme.meetings if m.date == day), key=lambda m: (m.slot, order.index(m.bodies[0])))
    meetings = []
    for m in here:
        slot = slot_at(session, day, m.slot)
        items = [
            JournalItem("" if item.reserved else item.code,
                        (session.body(body).name(lang) if item.reserved else item.title(lang)) + (w["continued"] if take.continued else ""))
            for body, item, take in printed_once(session, m)
        ]
        meetings.append(JournalMeeting(
            time=slot.labels.get(lang) or slot_label(slot.start, slot.end, lang),
            room=rooms.get(m.room or "", m.room or ""),
            bodies=tuple(session.body(b).name(lang) for b in m.bodies),
            joint=len(m.bodies) > 1,
            items=tuple(items),
        ))
    return JournalDay(lang, direction(lang), w, session.name(lang), day_label(day, lang, year=True), tuple(meetings))


def render_journal_html(session: Session, programme: Programme, day: dt.date, lang: str = "en") -> str:
    """A whole HTML page of the day's Journal."""
    return _ENV.get_template("journal.html").render(j=journal_day(session, programme, day, lang))


def journal_fragment(session: Session, programme: Programme, day: dt.date, lang: str = "en") -> str:
    """The day's meetings as an HTML section, for a page of its own."""
    return _ENV.get_template("journal_day.html").render(j=journal_day(session, programme, day, lang))


def render_journal_text(session: Session, programme: Programme, day: dt.date, lang: str = "en") -> str:
    """The day's Journal as plain text: a block per meeting, its items indented."""
    j = journal_day(session, programme, day, lang)
    out = [j.words["journal"], j.session, j.date, ""]
    if not j.meetings:
        out.append(j.words["closed"])
    for m in j.meetings:
        out.append(f"{m.time}    {m.room}".rstrip())
        out.append(" + ".join(m.bodies) + (f" {j.words['joint']}" if m.joint else ""))
        out += [f"    {i.code:<6}{i.title}" for i in m.items]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
