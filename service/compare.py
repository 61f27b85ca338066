"""Variants side by side: annex rows aligned by date and slot with differences marked, and measures per variant.

Marks are against the first variant (the baseline). In a slot, a body's meeting is `added` when the
baseline has no meeting of that body there, `removed` when only the baseline has one, and `room`
when both meet in different rooms. An item is `moved` when the variant takes it in other slots
than the baseline in as many meetings, and `split` when in a different number of meetings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from solver.grid import Grid, build_grid
from solver.problem import Session
from solver.programme import Meeting, Programme

MARKS = ("added", "removed", "moved", "split", "room")


@dataclass(frozen=True)
class Candidate:
    """A programme to compare, with the session as its variant sees it and its objective by term."""

    name: str
    session: Session
    programme: Programme
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    objective: int | None = None


@dataclass(frozen=True)
class Take:
    body: str
    code: str
    continued: bool
    mark: str | None = None  # moved or split


@dataclass(frozen=True)
class Shown:
    """A meeting as the comparison shows it; `added` or `room` in marks against the baseline."""

    bodies: tuple[str, ...]
    room: str | None
    takes: tuple[Take, ...]
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cell:
    """What one variant holds in one slot; `gone` names what the baseline takes there and it does not."""

    meetings: tuple[Shown, ...]
    gone: tuple[str, ...] = ()
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Line:
    date: dt.date
    slot: dt.time
    cells: tuple[Cell, ...]

    @property
    def differs(self) -> bool:
        return any(c.marks for c in self.cells)


@dataclass(frozen=True)
class Measures:
    """Figures of one variant: interpretation, load per day and slot, splits, order, objective terms."""

    interpreted_used: int
    interpreted_allowed: int | None
    meetings_per_day: dict[dt.date, int]
    max_parallel: int
    parallel_slots: int  # slots with two or more meetings
    split_items: int  # items taken in more than one meeting
    order_deviations: int  # pairs of consecutive items where the later starts before the earlier ends
    terms: dict[str, int]  # each objective term's value
    objective: int | None
    minutes_moved: int | None  # against the published version; None without one or without minutes


@dataclass(frozen=True)
class Comparison:
    names: tuple[str, ...]
    lines: tuple[Line, ...]
    measures: tuple[Measures, ...]


def _placement(grid: Grid, programme: Programme) -> dict[tuple[str, str], list[tuple[dt.date, dt.time]]]:
    """Slots in which each item (not heading) is taken."""
    out: dict[tuple[str, str], list[tuple[dt.date, dt.time]]] = {}
    for m in programme.sorted().meetings:
        for t in m.items:
            if (t.body, t.code) not in grid.first_under:
                out.setdefault((t.body, t.code), []).append((m.date, m.slot))
    return out


def _cell(grid: Grid, meetings: list[Meeting], base: list[Meeting], placed: dict, base_placed: dict) -> Cell:
    base_rooms = {b: m.room for m in base for b in m.bodies}
    here = {(t.body, t.code) for m in meetings for t in m.items}
    shown = []
    for m in meetings:
        marks = set()
        if not set(m.bodies) & set(base_rooms):
            marks.add("added")
        elif any(base_rooms.get(b, m.room) != m.room for b in m.bodies):
            marks.add("room")
        takes = []
        for t in m.items:
            ref = (t.body, t.code)
            mark = None
            if ref not in grid.first_under and ref in base_placed:
                if len(placed.get(ref, [])) != len(base_placed[ref]):
                    mark = "split"
                elif placed.get(ref) != base_placed[ref]:
                    mark = "moved" if (m.date, m.slot) not in base_placed[ref] else None
            takes.append(Take(t.body, t.code, t.continued, mark))
        shown.append(Shown(m.bodies, m.room, tuple(takes), frozenset(marks)))
    bodies = {b for m in meetings for b in m.bodies}
    gone = tuple(f"{t.body} {t.code}" for m in base for t in m.items if (t.body, t.code) not in here and (t.body, t.code) not in grid.first_under)
    marks = set().union(*(s.marks for s in shown), {t.mark for s in shown for t in s.takes if t.mark})
    if any(b not in bodies for m in base for b in m.bodies):
        marks.add("removed")
    return Cell(tuple(shown), gone, frozenset(marks))


def _slots(grid: Grid, programme: Programme) -> dict[int, list[int]]:
    """Grid slot indices per task, sorted."""
    out: dict[int, set[int]] = {}
    for m in programme.meetings:
        s = grid.slot_at(m.date, m.slot)
        for t in m.items:
            task = grid.task_of.get((t.body, t.code))
            if s is not None and task is not None and (t.body, t.code) not in grid.first_under:
                out.setdefault(task.index, set()).add(s.index)
    return {k: sorted(v) for k, v in out.items()}


def _minutes(grid: Grid, programme: Programme) -> dict[tuple[int, dt.date, dt.time], int] | None:
    takes = [(m, t) for m in programme.meetings for t in m.items if (t.body, t.code) not in grid.first_under]
    if any(t.minutes is None for _, t in takes):
        return None
    out: dict[tuple[int, dt.date, dt.time], int] = {}
    for m, t in takes:
        task = grid.task_of.get((t.body, t.code))
        if task is not None:
            key = (task.index, m.date, m.slot)
            out[key] = max(out.get(key, 0), t.minutes)  # a joint item counts once, as in the planner
    return out


def minutes_moved(grid: Grid, programme: Programme, published: Programme | None) -> int | None:
    """Minutes of item time that sit in other slots than in the published programme (as the planner counts them)."""
    if published is None:
        return None
    mine, theirs = _minutes(grid, programme), _minutes(grid, published)
    if mine is None or theirs is None:
        return None
    return sum(abs(mine.get(k, 0) - theirs.get(k, 0)) for k in set(mine) | set(theirs))


def measures(candidate: Candidate, published: Programme | None = None) -> Measures:
    session, programme = candidate.session, candidate.programme
    grid = build_grid(session)
    interpreted = {b.key for b in session.bodies if b.interpreted}
    per_slot = Counter((m.date, m.slot) for m in programme.meetings)
    slots = _slots(grid, programme)
    deviations = 0
    for seq in grid.sequence.values():
        for before, after in zip(seq, seq[1:]):
            a, b = slots.get(before.index), slots.get(after.index)
            deviations += bool(a and b and a[-1] > b[0])
    return Measures(
        interpreted_used=sum(1 for m in programme.meetings if set(m.bodies) & interpreted),
        interpreted_allowed=session.rules.interpreted_meetings_total,
        meetings_per_day=dict(sorted(Counter(m.date for m in programme.meetings).items())),
        max_parallel=max(per_slot.values(), default=0),
        parallel_slots=sum(1 for n in per_slot.values() if n > 1),
        split_items=sum(1 for s in slots.values() if len(s) > 1),
        order_deviations=deviations,
        terms={name: term["value"] for name, term in candidate.breakdown.items()},
        objective=candidate.objective,
        minutes_moved=minutes_moved(grid, programme, published),
    )


def compare(candidates: list[Candidate], published: Programme | None = None) -> Comparison:
    """Two or more programmes aligned slot by slot, marked against the first, with their measures."""
    if len(candidates) < 2:
        raise ValueError("compare needs two or more programmes")
    base = candidates[0]
    grid = build_grid(base.session)
    placements = [_placement(grid, c.programme) for c in candidates]
    by_slot = [
        {key: [m for m in c.programme.sorted().meetings if (m.date, m.slot) == key] for key in {(m.date, m.slot) for m in c.programme.meetings}}
        for c in candidates
    ]
    keys = sorted(set().union(*by_slot))
    lines = tuple(
        Line(day, slot, tuple(_cell(grid, mine.get((day, slot), []), by_slot[0].get((day, slot), []), placed, placements[0])
                              for mine, placed in zip(by_slot, placements)))
        for day, slot in keys
    )
    return Comparison(tuple(c.name for c in candidates), lines, tuple(measures(c, published) for c in candidates))
