"""The annex table model: day rows, slot rows and per-body columns, built from a session and programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from service.exports.annex.headings import partners, printed_takes
from service.exports.annex.labels import day_label, direction, slot_label, words
from solver.problem import DocumentStyle, Session, Slot
from solver.programme import Meeting, Programme

LAYOUTS = ("single", "side_by_side", "plenary_parallel")
Layout = Literal["single", "side_by_side", "plenary_parallel"]
PARALLEL = "parallel"


@dataclass(frozen=True)
class Entry:
    """One printed line of a column: item code ("" for a reserved block or a body) and its text."""

    code: str
    text: str
    # The language the text is really in when the table's language lacks it (visible fallback).
    fallback: str | None = None
    # The end of `text` in the table's own language, such as " (continued)", after a fallback title.
    suffix: str = ""

    @property
    def title(self) -> str:
        """The text without its suffix: what the fallback language covers."""
        return self.text[: len(self.text) - len(self.suffix)]

    @property
    def marked(self) -> str:
        """The text with its fallback language shown, for formats without styling: 'Plenary [en]'."""
        return f"{self.title} [{self.fallback}]{self.suffix}" if self.fallback else self.text


@dataclass(frozen=True)
class Column:
    """A column group: a body with "Agenda item" and "Title or description", or "Parallel meetings"."""

    key: str
    heading: str
    codes: bool = True


@dataclass(frozen=True)
class Row:
    """A day row, the first line of a slot (with its label) or a further line of the same slot."""

    kind: Literal["day", "slot", "line"]
    label: str
    entries: tuple[Entry | None, ...] = ()
    # On a slot row: how many lines the slot takes (the slot row and its "line" rows).
    span: int = 1


@dataclass(frozen=True)
class Table:
    """The whole annex in one language, ready for any renderer."""

    lang: str
    dir: str
    layout: Layout
    # The fixed words, with "date_time" the style's time heading.
    words: dict[str, str]
    title: str
    # The session's name below the title, and "Annex" above it; "" where the style prints none.
    session: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    label: str = ""
    # The language the session's name is printed in (English where the table's language lacks it).
    session_lang: str = ""


def _text(texts: dict[str, str], lang: str, default: str) -> tuple[str, str | None]:
    if texts.get(lang):
        return texts[lang], None
    if texts.get("en"):
        return texts["en"], "en"
    return default, None


def slot_at(session: Session, day: dt.date, start: dt.time) -> Slot:
    """The session's slot that starts at `start` on `day`."""
    for slot in session.slots_on(day):
        if slot.start == start:
            return slot
    raise ValueError(f"a meeting on {day} starts at {start:%H:%M}, which is no slot of the session")


def choose_layout(session: Session, programme: Programme) -> Layout:
    """One body alone; a plenary with the bodies meeting in parallel; otherwise bodies side by side."""
    bodies = _bodies(session, programme)
    if len(bodies) == 1:
        return "single"
    if any(session.body(b).kind == "plenary" for b in bodies):
        return "plenary_parallel"
    return "side_by_side"


def _bodies(session: Session, programme: Programme) -> list[str]:
    meeting = {b for m in programme.meetings for b in m.bodies}
    return [b.key for b in session.bodies if b.key in meeting] or [b.key for b in session.bodies]


def _columns(session: Session, programme: Programme, layout: Layout, lang: str, style: DocumentStyle) -> tuple[Column, ...]:
    bodies = _bodies(session, programme)
    if layout == "single":
        return (Column(bodies[0], ""),)
    if layout == "side_by_side":
        return tuple(Column(b, _text(session.body(b).names, lang, b)[0]) for b in bodies)
    plenary = next(b for b in bodies if session.body(b).kind == "plenary")
    return (
        Column(plenary, _text(session.body(plenary).names, lang, plenary)[0]),
        Column(PARALLEL, words(lang)["parallel_plural" if style.parallel_plural else "parallel"], codes=False),
    )


def _item_entries(session: Session, meeting: Meeting, body: str, lang: str, style: DocumentStyle) -> list[Entry]:
    w = words(lang)
    out = []
    for take in printed_takes(session, meeting, body, style.headings):
        item = session.item(body, take.code)
        # A reserved block is a meeting of the body itself: printed as its name, with no number.
        if item.reserved:
            code, (title, fallback) = "", _text(session.body(body).names, lang, body)
        else:
            code, (title, fallback) = item.code, _text(item.titles, lang, item.code)
        suffix = w["continued"] if take.continued else ""
        out.append(Entry(code, title + suffix, fallback, suffix))
    return out


def build(session: Session, programme: Programme, lang: str = "en", layout: Layout | None = None,
          style: DocumentStyle | None = None) -> Table:
    """The annex table of a programme in one language (one of the six official languages), in the session's style."""
    style = style or session.style
    w = {**words(lang), "date_time": words(lang)[style.time_heading]}
    layout = layout or choose_layout(session, programme)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    columns = _columns(session, programme, layout, lang, style)
    meetings: dict[tuple[dt.date, dt.time], list[Meeting]] = {}
    for m in programme.sorted().meetings:
        meetings.setdefault((m.date, m.slot), []).append(m)
    subtitle, subtitle_fallback = _text(session.names, lang, "")
    met: set[str] = set()
    rows: list[Row] = []
    day = None
    # Like the seeds, the table shows only the days and slots in which some body meets.
    for (date, start), here in meetings.items():
        if date != day:
            day = date
            rows.append(Row("day", day_label(day, lang, style.year)))
        slot = slot_at(session, day, start)
        label = slot.labels.get(lang) or slot_label(slot.start, slot.end, lang)
        cells = []
        for column in columns:
            if column.key == PARALLEL:
                cells.append(_parallel_entries(session, here, columns[0].key, met, lang, style))
            else:
                cells.append([e for m in here if column.key in m.bodies for e in _item_entries(session, m, column.key, lang, style)])
        met.update(b for m in here for b in m.bodies)
        span = max([len(c) for c in cells] + [1])
        for i in range(span):
            entries = tuple(c[i] if i < len(c) else None for c in cells)
            rows.append(Row("slot", label, entries, span) if i == 0 else Row("line", "", entries))
    return Table(
        lang=lang,
        dir=direction(lang),
        layout=layout,
        words=w,
        title=w["title"],
        session=subtitle if style.subtitle else "",
        columns=columns,
        rows=tuple(rows),
        label=w["annex"] if style.annex_label else "",
        session_lang=subtitle_fallback or lang,
    )


def _parallel_entries(session: Session, meetings: list[Meeting], plenary: str, met: set[str], lang: str,
                      style: DocumentStyle) -> list[Entry]:
    """What meets beside the plenary: a body alone by its name, "(continued)" once it has met before;
    a joint meeting (or a body sitting with the plenary) by its items' titles, each item once."""
    out = []
    for m in meetings:
        others = [b for b in m.bodies if b != plenary]
        if len(m.bodies) == 1 and others:
            name, fallback = _text(session.body(others[0]).names, lang, others[0])
            suffix = words(lang)["continued"] if others[0] in met else ""
            out.append(Entry("", name + suffix, fallback, suffix))
            continue
        shown: set[tuple[str, str]] = set()
        for body in others:
            for entry, take in zip(_item_entries(session, m, body, lang, style), printed_takes(session, m, body, style.headings)):
                item = session.item(body, take.code)
                # A joint item is one item of every body taking it: its partners print no second line.
                if item.ref in shown:
                    continue
                shown.update({item.ref, *partners(session, item.ref)})
                out.append(Entry("", entry.text, entry.fallback, entry.suffix))
    return out


