"""The programme of work: meetings in slots, each taking agenda items for some minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.problem import Session


@dataclass(frozen=True)
class ItemTake:
    """One agenda item taken in a meeting; `continued` when it goes on from an earlier meeting."""

    body: str
    code: str
    minutes: int | None = None
    continued: bool = False


@dataclass(frozen=True)
class Meeting:
    """One meeting in one slot: a body alone, or several bodies in a joint meeting."""

    date: dt.date
    slot: dt.time
    bodies: tuple[str, ...]
    items: tuple[ItemTake, ...]
    room: str | None = None

    def items_of(self, body: str) -> tuple[ItemTake, ...]:
        return tuple(t for t in self.items if t.body == body)


@dataclass(frozen=True)
class Programme:
    """A whole programme: meetings sorted by date, slot and first body."""

    meetings: tuple[Meeting, ...] = ()

    def sorted(self) -> Programme:
        return Programme(tuple(sorted(self.meetings, key=lambda m: (m.date, m.slot, m.bodies))))

    def cells(self) -> dict[tuple[dt.date, dt.time, str], tuple[str, ...]]:
        """What each body takes in each slot, as item codes in printed order."""
        out: dict[tuple[dt.date, dt.time, str], tuple[str, ...]] = {}
        for m in self.meetings:
            for body in m.bodies:
                out[(m.date, m.slot, body)] = tuple(t.code for t in m.items_of(body))
        return out


def mark_continued(session: Session, programme: Programme) -> Programme:
    """Set `continued` on every take of an item that an earlier meeting already took."""
    seen: set[tuple[str, str]] = set()
    meetings = []
    for m in programme.sorted().meetings:
        takes = []
        for t in m.items:
            ref = (t.body, t.code)
            takes.append(ItemTake(t.body, t.code, t.minutes, ref in seen))
        seen.update((t.body, t.code) for t in m.items)
        meetings.append(Meeting(m.date, m.slot, m.bodies, tuple(takes), m.room))
    return Programme(tuple(meetings))


def programme_from_rows(session: Session, rows: list[dict]) -> Programme:
    """Build a programme from case-file rows `{date, slot, items: {body: [codes]}}`.

    Bodies that share a joint item in a slot sit in one joint meeting; any other body with
    items in that slot is a meeting of its own.
    """
    joint_pairs: set[frozenset[tuple[str, str]]] = set()
    for item in session.agenda:
        for other in item.joint_with:
            joint_pairs.add(frozenset({item.ref, other}))
    meetings = []
    for row in rows:
        items: dict[str, list[str]] = row["items"]
        groups: list[set[str]] = [{b} for b in items]
        for a in items:
            for b in items:
                if a < b and any(
                    frozenset({(a, ca), (b, cb)}) in joint_pairs for ca in items[a] for cb in items[b]
                ):
                    ga = next(g for g in groups if a in g)
                    gb = next(g for g in groups if b in g)
                    if ga is not gb:
                        ga |= gb
                        groups.remove(gb)
        order = [b.key for b in session.bodies]
        for group in groups:
            bodies = tuple(sorted(group, key=order.index))
            takes = tuple(ItemTake(b, c) for b in bodies for c in items[b])
            meetings.append(Meeting(row["date"], row["slot"], bodies, takes, row.get("room")))
    return mark_continued(session, Programme(tuple(meetings)))
