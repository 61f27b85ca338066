"""Check any programme (published, drafted or edited by hand) against a session's rules, and score it."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.extract import programme_from_values
from solver.grid import Grid, GridSlot, Task, build_grid
from solver.model import PlanModel, Weights
from solver.problem import Session
from solver.programme import Meeting, Programme
from solver.search import PlanOptions, breakdown_of, minutes_taken, solver_for


@dataclass(frozen=True)
class Violation:
    """One broken rule, naming the bodies, items (`body code`) and dates concerned."""

    rule: str
    message: str
    bodies: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """A programme's violations and, when it has none, its objective by term and its minutes."""

    violations: tuple[Violation, ...]
    objective: int | None = None
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    programme: Programme | None = None  # with minutes per item where the input had none


def _when(day: dt.date, start: dt.time) -> str:
    return f"{day:%a %d %b} {start:%H:%M}"


class _Checker:
    def __init__(self, session: Session, programme: Programme):
        self.session = session
        self.grid = build_grid(session)
        self.programme = programme.sorted()
        self.out: list[Violation] = []
        self.slot_of: dict[int, GridSlot] = {}  # meeting index -> grid slot
        self.cells: dict[tuple[int, int], list[int]] = {}  # (task, slot) -> meeting indices

    def add(self, rule: str, message: str, bodies=(), items=(), dates=()) -> None:
        self.out.append(Violation(rule, message, tuple(bodies), tuple(items), tuple(dates)))

    def run(self) -> list[Violation]:
        self.meetings_in_slots()
        self.items_known()
        self.bodies_once_per_slot()
        self.joint_items_together()
        self.every_item_taken()
        self.windows_and_forbidden()
        self.pins()
        self.order()
        self.exclusive()
        self.interpretation()
        self.rooms()
        self.minutes_given()
        return self.out

    def meetings_in_slots(self) -> None:
        known = {b.key for b in self.session.bodies}
        for i, m in enumerate(self.programme.meetings):
            s = self.grid.slot_at(m.date, m.slot)
            if s is None:
                self.add("slot", f"meeting on {_when(m.date, m.slot)} is not in a slot of the session", m.bodies, dates=[m.date])
            else:
                self.slot_of[i] = s
            for b in m.bodies:
                if b not in known:
                    self.add("unknown_body", f"meeting on {_when(m.date, m.slot)} names unknown body {b!r}", [b], dates=[m.date])

    def items_known(self) -> None:
        for i, m in enumerate(self.programme.meetings):
            for t in m.items:
                task = self.grid.task_of.get((t.body, t.code))
                if task is None:
                    self.add("unknown_item", f"{t.body} has no item {t.code!r}", [t.body], [f"{t.body} {t.code}"], [m.date])
                elif t.body not in m.bodies:
                    self.add("unknown_item", f"{t.body} {t.code} is listed in a meeting of {'+'.join(m.bodies)}", [t.body], [f"{t.body} {t.code}"], [m.date])
                elif i in self.slot_of and (t.body, t.code) not in self.grid.first_under:
                    at = self.cells.setdefault((task.index, self.slot_of[i].index), [])
                    if i not in at:
                        at.append(i)
            for heading, leaf in self.grid.first_under.items():
                if heading[0] in m.bodies and heading[1] in {t.code for t in m.items_of(heading[0])}:
                    if leaf[1] not in {t.code for t in m.items_of(heading[0])}:
                        self.add("heading", f"{heading[0]} heading {heading[1]} is printed without its first sub-item {leaf[1]}",
                                 [heading[0]], [f"{heading[0]} {heading[1]}"], [m.date])

    def bodies_once_per_slot(self) -> None:
        seen: dict[tuple[int, str], int] = {}
        for i, m in enumerate(self.programme.meetings):
            if i not in self.slot_of:
                continue
            for b in m.bodies:
                key = (self.slot_of[i].index, b)
                if key in seen:
                    self.add("body_once_per_slot", f"{b} holds two meetings on {_when(m.date, m.slot)}", [b], dates=[m.date])
                seen[key] = i

    def joint_items_together(self) -> None:
        for (task_index, _), meetings in sorted(self.cells.items()):
            task = self.grid.tasks[task_index]
            for i in set(meetings):
                m = self.programme.meetings[i]
                takers = {t.body for t in m.items if self.grid.task_of.get((t.body, t.code)) is task}
                missing = [b for b in task.bodies if b not in takers]
                if len(task.bodies) > 1 and missing:
                    self.add("joint", f"joint item {task.name()} is taken on {_when(m.date, m.slot)} without {', '.join(missing)}",
                             task.bodies, [f"{b} {task.member(b).code}" for b in task.bodies], [m.date])

    def _slots(self, task: Task) -> list[int]:
        return sorted({s for (k, s) in self.cells if k == task.index})

    def every_item_taken(self) -> None:
        for task in self.grid.tasks:
            if not self._slots(task):
                self.add("unscheduled", f"{task.name()} is not in the programme", task.bodies, [task.name()])

    def windows_and_forbidden(self) -> None:
        for m in self.programme.meetings:
            for b in m.bodies:
                body = next((x for x in self.session.bodies if x.key == b), None)
                if body and not body.may_meet_on(m.date):
                    self.add("window", f"{body.name()} meets on {m.date} outside its window", [b], dates=[m.date])
                for f in self.session.rules.forbidden:
                    if f.date == m.date and f.slot in (None, m.slot) and f.body in (None, b):
                        self.add("forbidden", f"{b} meets on {_when(m.date, m.slot)}, a forbidden slot", [b], dates=[m.date])

    def pins(self) -> None:
        for pin in self.session.rules.pins:
            task = self.grid.task_of[(pin.body, pin.code)]
            slots = [self.grid.slots[s] for s in self._slots(task)]
            if not slots:
                continue
            on = [s for s in slots if s.day == pin.date and (pin.slot is None or s.slot.start == pin.slot)]
            at = f"{pin.date}" + (f" {pin.slot:%H:%M}" if pin.slot else "")
            wrong = not on or (pin.mode == "starts" and slots[0] not in on)
            if wrong:
                verb = "start" if pin.mode == "starts" else "be taken"
                self.add("pin", f"{pin.body} {pin.code} is pinned to {verb} on {at} but starts on {_when(slots[0].day, slots[0].slot.start)}",
                         [pin.body], [f"{pin.body} {pin.code}"], [pin.date, slots[0].day])

    def order(self) -> None:
        if self.session.rules.agenda_order != "strict":
            return
        for body, seq in self.grid.sequence.items():
            for before, after in zip(seq, seq[1:]):
                a, b = self._slots(before), self._slots(after)
                if a and b and a[-1] > b[0]:
                    sa, sb = self.grid.slots[a[-1]], self.grid.slots[b[0]]
                    self.add("order", (
                        f"{body} takes {after.member(body).code} on {_when(sb.day, sb.slot.start)} before finishing"
                        f" {before.member(body).code} (until {_when(sa.day, sa.slot.start)})"
                    ), [body], [f"{body} {before.member(body).code}", f"{body} {after.member(body).code}"], [sb.day])
            for m in self.programme.meetings:
                positions = [self.grid.task_of[(t.body, t.code)].index for t in m.items_of(body)
                             if (t.body, t.code) in self.grid.task_of and (t.body, t.code) not in self.grid.first_under]
                rank = {t.index: n for n, t in enumerate(seq)}
                ranks = [rank[p] for p in positions if p in rank]
                if ranks != sorted(ranks):
                    self.add("order", f"{body} items on {_when(m.date, m.slot)} are not in agenda order", [body], dates=[m.date])

    def exclusive(self) -> None:
        for task in self.grid.tasks:
            if not task.exclusive:
                continue
            for s in self._slots(task):
                others = [m for i, m in enumerate(self.programme.meetings)
                          if self.slot_of.get(i) is self.grid.slots[s] and not set(m.bodies) & set(task.bodies)]
                for m in others:
                    self.add("exclusive", f"{'+'.join(m.bodies)} meets on {_when(m.date, m.slot)} while {task.name()} is taken",
                             m.bodies, [task.name()], [m.date])

    def _interpreted(self) -> dict[int, int]:
        interpreted = {b.key for b in self.session.bodies if b.interpreted}
        count: dict[int, int] = {}
        for i, m in enumerate(self.programme.meetings):
            if i in self.slot_of and set(m.bodies) & interpreted:
                count[self.slot_of[i].index] = count.get(self.slot_of[i].index, 0) + 1
        return count

    def interpretation(self) -> None:
        rules = self.session.rules
        count = self._interpreted()
        slots = self.grid.slots
        for s, n in sorted(count.items()):
            if rules.interpreted_at_once is not None and n > rules.interpreted_at_once:
                self.add("interpreted_at_once", f"{n} interpreted meetings on {_when(slots[s].day, slots[s].slot.start)}, at most {rules.interpreted_at_once} allowed", dates=[slots[s].day])
        total = sum(count.values())
        if rules.interpreted_meetings_total is not None and total > rules.interpreted_meetings_total:
            self.add("interpreted_meetings_total", f"{total} interpreted meetings, at most {rules.interpreted_meetings_total} allowed")
        teams = rules.interpreter_teams
        if teams is None:
            return
        for s, n in sorted(count.items()):
            if n > teams.teams:
                self.add("interpreter_teams", f"{n} interpreted meetings on {_when(slots[s].day, slots[s].slot.start)} but {teams.teams} teams", dates=[slots[s].day])
        for day, group in itertools.groupby(slots, key=lambda s: s.day):
            n = sum(count.get(s.index, 0) for s in group)
            if n > teams.teams * teams.per_day:
                self.add("interpreter_teams", f"{n} interpreted meetings on {day}, {teams.teams} teams work at most {teams.teams * teams.per_day}", dates=[day])
        for week, group in itertools.groupby(slots, key=lambda s: s.week):
            days = [s.day for s in group]
            n = sum(count.get(s.index, 0) for s in slots if s.day in days)
            if n > teams.teams * teams.per_week:
                self.add("interpreter_teams", f"{n} interpreted meetings in week {week[1]}, {teams.teams} teams work at most {teams.teams * teams.per_week}", dates=[days[0]])

    def rooms(self) -> None:
        session = self.session
        if not session.rooms:
            return
        rooms = {r.key: r for r in session.rooms}
        interpreted = {b.key for b in session.bodies if b.interpreted}
        used: dict[tuple[int, str], Meeting] = {}
        per_slot: dict[int, int] = {}
        for i, m in enumerate(self.programme.meetings):
            if i not in self.slot_of:
                continue
            s = self.slot_of[i].index
            per_slot[s] = per_slot.get(s, 0) + 1
            if m.room is None:
                continue
            room = rooms.get(m.room)
            where = _when(m.date, m.slot)
            if room is None:
                self.add("rooms", f"meeting on {where} is in unknown room {m.room!r}", m.bodies, dates=[m.date])
                continue
            if (s, m.room) in used:
                self.add("rooms", f"room {room.name} holds two meetings on {where}", m.bodies, dates=[m.date])
            used[(s, m.room)] = m
            if set(m.bodies) & interpreted and not room.booths:
                self.add("rooms", f"interpreted meeting on {where} in {room.name}, which has no booths", m.bodies, dates=[m.date])
            if session.format == "hybrid" and not room.hybrid:
                self.add("rooms", f"hybrid meeting on {where} in {room.name}, which has no hybrid equipment", m.bodies, dates=[m.date])
        for s, n in per_slot.items():
            if n > len(session.rooms):
                slot = self.grid.slots[s]
                self.add("rooms", f"{n} meetings on {_when(slot.day, slot.slot.start)} but {len(session.rooms)} rooms", dates=[slot.day])

    def minutes_given(self) -> None:
        takes = [t for m in self.programme.meetings for t in m.items if (t.body, t.code) not in self.grid.first_under]
        if not takes or any(t.minutes is None for t in takes):
            return
        for task in self.grid.tasks:
            body = task.bodies[0]
            given = sum(t.minutes for m in self.programme.meetings for t in m.items_of(body) if t.code == task.member(body).code)
            if given and given != task.minutes:
                self.add("minutes", f"{task.name()} is given {given} minutes but needs {task.minutes}", task.bodies, [task.name()])


def check(session: Session, programme: Programme) -> list[Violation]:
    """Every rule the programme breaks, including meetings too short for their items."""
    return list(evaluate(session, programme).violations)


def evaluate(session: Session, programme: Programme, weights: Weights | None = None, seed: int = 0) -> Evaluation:
    """Check a programme, then score it with the planner's objective (finding minutes where none are given)."""
    checker = _Checker(session, programme)
    violations = checker.run()
    if violations:
        return Evaluation(tuple(violations))
    grid = checker.grid
    pm = PlanModel(grid, weights or Weights(), fixed=dict.fromkeys(checker.cells, True))
    _fix_given_minutes(pm, checker)
    solver = solver_for(PlanOptions(seed=seed, time_limit=30))
    status = solver.solve(pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Evaluation(tuple(_length_violations(grid, checker)))
    taken = minutes_taken(pm, solver.value)
    return Evaluation((), round(solver.objective_value), breakdown_of(pm, solver.value), programme_from_values(grid, taken))


def _fix_given_minutes(pm: PlanModel, checker: _Checker) -> None:
    grid = checker.grid
    for (task_index, slot), meetings in checker.cells.items():
        task = grid.tasks[task_index]
        body = task.bodies[0]
        minutes = [t.minutes for i in meetings for t in checker.programme.meetings[i].items_of(body) if t.code == task.member(body).code]
        if minutes and all(x is not None for x in minutes):
            pm.model.add(pm.x[task_index, slot] * grid.unit == sum(minutes))


def _length_violations(grid: Grid, checker: _Checker) -> list[Violation]:
    """Meetings that cannot hold their items: one meeting, one body, one item, then in general."""
    out = []
    for slot in sorted({s for (_, s) in checker.cells}):
        s = grid.slots[slot]
        for i in sorted({i for (k, t), ms in checker.cells.items() if t == slot for i in ms}):
            meeting = checker.programme.meetings[i]
            # Items taken in no other meeting must fit in this one entirely.
            only_here = [grid.tasks[k] for (k, t), ms in checker.cells.items() if t == slot and i in ms
                         and len({x for (kk, _), xs in checker.cells.items() if kk == k for x in xs}) == 1]
            needed = sum(t.minutes for t in only_here)
            if needed > s.cap:
                codes = ", ".join(t.name() for t in only_here)
                out.append(Violation("meeting_length", (
                    f"the meeting on {_when(s.day, s.slot.start)} needs {needed} minutes for {codes}, taken only there,"
                    f" but lasts at most {s.cap}"
                ), meeting.bodies, tuple(t.name() for t in only_here), (s.day,)))
    for body, seq in grid.sequence.items():
        slots = sorted({s for (k, s) in checker.cells if grid.tasks[k] in seq})
        needed = sum(t.minutes for t in seq)
        room = sum(grid.slots[s].cap for s in slots)
        if needed > room:
            out.append(Violation("meeting_length", f"{body} needs {needed} minutes for its items but its {len(slots)} meetings hold {room}",
                                 (body,), dates=tuple(sorted({grid.slots[s].day for s in slots}))))
    for task in grid.tasks:
        slots = sorted({s for (k, s) in checker.cells if k == task.index})
        room = sum(grid.slots[s].cap for s in slots)
        if task.minutes > room:
            out.append(Violation("meeting_length", f"{task.name()} needs {task.minutes} minutes but its {len(slots)} meetings hold {room}",
                                 task.bodies, (task.name(),), tuple(grid.slots[s].day for s in slots)))
    if not out:
        out.append(Violation("meeting_length", "the items' minutes cannot be fitted into their meetings without a meeting running over its slot or the meeting length cap"))
    return out
