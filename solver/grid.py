"""The time grid of a session: every meeting slot in order, and the work to place in it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from solver.problem import AgendaItem, Session, Slot


@dataclass(frozen=True)
class GridSlot:
    """One slot of one day, numbered through the session."""

    index: int
    day: dt.date
    day_index: int
    slot: Slot
    cap: int  # minutes a meeting may last here: the slot, or less under max_meeting_minutes

    @property
    def week(self) -> tuple[int, int]:
        return self.day.isocalendar()[:2]

    def label(self) -> str:
        return f"{self.day:%A %d %B} {self.slot.key}"


@dataclass(frozen=True)
class Task:
    """Work to place: one agenda item, or a joint item that several bodies take together."""

    index: int
    members: tuple[AgendaItem, ...]  # one per body, in session body order
    minutes: int

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(m.body for m in self.members)

    @property
    def exclusive(self) -> bool:
        return any(m.exclusive for m in self.members)

    def member(self, body: str) -> AgendaItem:
        return next(m for m in self.members if m.body == body)

    def name(self) -> str:
        return " = ".join(f"{m.body} {m.code}" for m in self.members)


@dataclass
class Grid:
    """Slots, tasks and per-body agenda sequences of a session, in a fixed order."""

    session: Session
    slots: list[GridSlot]
    tasks: list[Task]
    sequence: dict[str, list[Task]]  # each body's tasks in agenda order
    task_of: dict[tuple[str, str], Task]  # (body, code) -> task, headings -> their first sub-item's task
    first_under: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # heading -> first sub-item
    unit: int = 1
    ignore_meeting_cap: bool = False

    @property
    def days(self) -> list[dt.date]:
        return sorted({s.day for s in self.slots})

    def slot_at(self, day: dt.date, start: dt.time) -> GridSlot | None:
        return next((s for s in self.slots if s.day == day and s.slot.start == start), None)


def _first_leaf(item: AgendaItem, children: dict[tuple[str, str], list[AgendaItem]]) -> AgendaItem | None:
    while item.heading:
        kids = children.get(item.ref)
        if not kids:
            return None
        item = kids[0]
    return item


def build_grid(session: Session) -> Grid:
    """Number the slots and group joint items into tasks; deterministic for a given session."""
    cap_rule = session.max_meeting_minutes
    slots: list[GridSlot] = []
    for d, day in enumerate(session.days()):
        for slot in session.slots_on(day):
            cap = slot.minutes if cap_rule is None else min(slot.minutes, cap_rule)
            slots.append(GridSlot(len(slots), day, d, slot, cap))

    body_order = {b.key: i for i, b in enumerate(session.bodies)}
    items = sorted(session.agenda, key=lambda i: (body_order[i.body], i.position))
    # Joint items form groups through joint_with links in either direction.
    parent: dict[tuple[str, str], tuple[str, str]] = {i.ref: i.ref for i in items}

    def find(ref: tuple[str, str]) -> tuple[str, str]:
        while parent[ref] != ref:
            ref = parent[ref]
        return ref

    for item in items:
        for other in item.joint_with:
            if other in parent:
                a, b = find(item.ref), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[tuple[str, str], list[AgendaItem]] = {}
    for item in items:
        if not item.heading:
            groups.setdefault(find(item.ref), []).append(item)
    tasks: list[Task] = []
    task_of: dict[tuple[str, str], Task] = {}
    for item in items:
        group = groups.get(find(item.ref))
        if item.heading or group is None or group[0] is not item:
            continue
        members = tuple(sorted(group, key=lambda m: body_order[m.body]))
        task = Task(len(tasks), members, max(m.minutes or 0 for m in members))
        tasks.append(task)
        for m in members:
            task_of[m.ref] = task

    children: dict[tuple[str, str], list[AgendaItem]] = {}
    for item in items:
        if item.parent:
            children.setdefault((item.body, item.parent), []).append(item)
    first_under: dict[tuple[str, str], tuple[str, str]] = {}
    for item in items:
        if item.heading:
            leaf = _first_leaf(item, children)
            if leaf is not None:
                first_under[item.ref] = leaf.ref
                task_of[item.ref] = task_of[leaf.ref]

    sequence = {
        b.key: [task_of[i.ref] for i in session.items_of(b.key) if not i.heading] for b in session.bodies
    }
    unit = 0
    for value in [t.minutes for t in tasks] + [s.cap for s in slots] + [s.slot.minutes for s in slots]:
        unit = math.gcd(unit, value)
    return Grid(session, slots, tasks, sequence, task_of, first_under, unit or 1)
