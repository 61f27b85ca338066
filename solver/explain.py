"""Why a session has no programme: quick capacity checks, then a minimal set of conflicting rules."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.grid import Grid, GridSlot, Task
from solver.model import PlanModel, open_slots
from solver.search import PlanOptions, solver_for


@dataclass(frozen=True)
class Conflict:
    """Rules that cannot all hold, by key (e.g. `pin:0`, `order:plenary`), and why, in words."""

    rules: tuple[str, ...]
    message: str


def _when(s: GridSlot) -> str:
    return f"{s.day:%A %d %B} at {s.slot.key}"


def _body_name(grid: Grid, key: str) -> str:
    return grid.session.body(key).name("en")


def _span(tasks: list[Task], body: str) -> str:
    codes = [t.member(body).code for t in tasks]
    return codes[0] if len(codes) == 1 else f"{codes[0]}-{codes[-1]}"


def _cap_words(grid: Grid) -> tuple[str, tuple[str, ...]]:
    session = grid.session
    cap = session.max_meeting_minutes
    if cap is not None and any(s.cap < s.slot.minutes for s in grid.slots):
        why = " (hybrid format)" if session.format == "hybrid" and (session.rules.max_meeting_minutes or 999) > cap else ""
        return f" of at most {cap} minutes{why}", ("max_meeting_minutes",)
    return "", ()


def precheck(grid: Grid) -> list[Conflict]:
    """Capacity checks that need no solve: minutes per body, interpreted time, pins against order."""
    session = grid.session
    out: list[Conflict] = []
    if not grid.slots:
        return [Conflict(("days",), f"the session has no meeting slot between {session.first_day} and {session.last_day}")]
    cap_words, cap_rules = _cap_words(grid)
    for body in session.bodies:
        tasks = grid.sequence[body.key]
        needed = sum(t.minutes for t in tasks)
        slots = open_slots(grid, body.key)
        available = sum(s.cap for s in slots)
        if needed > available:
            rules = cap_rules + ((f"window:{body.key}",) if body.has_window else ())
            out.append(Conflict(rules or ("days",), (
                f"{body.name()} needs {needed} minutes for its {len(tasks)} items but has {len(slots)} meetings"
                f"{cap_words}, {available} minutes in all"
            )))
    rules = session.rules
    interpreted = {b.key for b in session.bodies if b.interpreted}
    limits = [(rules.interpreted_at_once, "interpreted_at_once")]
    if rules.interpreter_teams:
        limits.append((rules.interpreter_teams.teams, "interpreter_teams"))
    if session.rooms:
        booths = [r for r in session.rooms if r.booths and (r.hybrid or session.format != "hybrid")]
        limits.append((len(booths), "rooms"))
    limits = [(n, key) for n, key in limits if n is not None]
    interp_minutes = sum(t.minutes for t in grid.tasks if set(t.bodies) & interpreted)
    if limits:
        at_once, key = min(limits)
        available = at_once * sum(s.cap for s in grid.slots)
        if interp_minutes > available:
            out.append(Conflict((key,) + cap_rules, (
                f"interpreted meetings need {interp_minutes} minutes but {at_once} interpreted meeting(s) at a time"
                f" in {len(grid.slots)} slots{cap_words} give {available}"
            )))
    if rules.interpreted_meetings_total is not None and grid.slots:
        least = math.ceil(interp_minutes / max(s.cap for s in grid.slots))
        if least > rules.interpreted_meetings_total:
            out.append(Conflict(("interpreted_meetings_total",) + cap_rules, (
                f"interpreted items need {interp_minutes} minutes, at least {least} meetings{cap_words},"
                f" but the session allows {rules.interpreted_meetings_total} interpreted meetings"
            )))
    if rules.agenda_order == "strict":
        out.extend(_pins_against_order(grid))
    return out


def _pins_against_order(grid: Grid) -> list[Conflict]:
    out = []
    for i, pin in enumerate(grid.session.rules.pins):
        task = grid.task_of[(pin.body, pin.code)]
        targets = [s for s in grid.slots if s.day == pin.date and (pin.slot is None or s.slot.start == pin.slot)]
        if not targets:
            continue
        for body in task.bodies:
            seq = grid.sequence[body]
            before = seq[: seq.index(task)]
            needed = sum(t.minutes for t in before)
            # The items before may share the pinned item's meeting, leaving it at least one unit.
            last = targets[-1]
            open_before = [s for s in open_slots(grid, body) if s.index < last.index]
            available = sum(s.cap for s in open_before) + last.cap - grid.unit
            if before and needed > available:
                when = _when(targets[0]) if pin.slot else f"{pin.date:%A %d %B}"
                out.append(Conflict((f"pin:{i}", f"order:{body}"), (
                    f"{_body_name(grid, body)} needs {needed} minutes for items {_span(before, body)} before item"
                    f" {task.member(body).code} pinned on {when}, but has {available}"
                )))
    return out


def describe(grid: Grid, key: str) -> str:
    """A rule family in words."""
    session, rules = grid.session, grid.session.rules
    family, _, detail = key.partition(":")
    if family == "order":
        return f"{_body_name(grid, detail)} takes its items in agenda order (agenda_order: strict)"
    if family == "pin":
        pin = rules.pins[int(detail)]
        at = f" at {pin.slot:%H:%M}" if pin.slot else ""
        verb = "start" if pin.mode == "starts" else "be taken"
        return f"{_body_name(grid, pin.body)} item {pin.code} is pinned to {verb} on {pin.date:%A %d %B}{at}"
    if family == "window":
        body = session.body(detail)
        return f"{body.name()} meets only from {body.window_from or session.first_day} to {body.window_to or session.last_day}"
    if family == "forbidden":
        f = rules.forbidden[int(detail)]
        who = f" of {_body_name(grid, f.body)}" if f.body else ""
        at = f" at {f.slot:%H:%M}" if f.slot else ""
        return f"no meeting{who} on {f.date:%A %d %B}{at}"
    if family == "exclusive":
        return f"no other meeting runs while {grid.tasks[int(detail)].name()} is taken"
    if family == "interpreted_at_once":
        return f"at most {rules.interpreted_at_once} interpreted meeting(s) at a time"
    if family == "interpreted_meetings_total":
        return f"at most {rules.interpreted_meetings_total} interpreted meetings in the session"
    if family == "interpreter_teams":
        t = rules.interpreter_teams
        return f"{t.teams} interpreter team(s), each at most {t.per_day} meetings a day and {t.per_week} a week"
    if family == "max_meeting_minutes":
        words, _ = _cap_words(grid)
        return f"meetings{words or ' are capped in length'}"
    if family == "rooms":
        return f"{len(session.rooms)} rooms, {sum(r.booths for r in session.rooms)} with interpretation booths"
    return key


def _feasible(grid: Grid, options: PlanOptions, on: set[str], deadline: float) -> bool | None:
    pm = PlanModel(grid, relaxable=True)
    pm.model.clear_objective()
    for key, lit in pm.families.items():
        pm.model.add(lit == (1 if key in on else 0))
    solver = solver_for(options, max(0.5, deadline - time.monotonic()))
    status = solver.solve(pm.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    if status == cp_model.INFEASIBLE:
        return False
    return None


def explain(grid: Grid, options: PlanOptions) -> list[Conflict]:
    """A minimal set of rule families that cannot all hold (deletion filter), in words."""
    deadline = time.monotonic() + max(5.0, options.time_limit)
    keys = sorted(PlanModel(grid, relaxable=True).families)
    needed = set(keys)
    if _feasible(grid, options, set(), deadline) is not True:
        return [Conflict(("minutes",), "the items' minutes do not fit the session's slots even without any rule")]
    for key in keys:
        trial = needed - {key}
        result = _feasible(grid, options, trial, deadline)
        if result is None:
            break
        if result is False:
            needed = trial
    rules = tuple(sorted(needed))
    words = "; ".join(describe(grid, k) for k in rules)
    return [Conflict(rules, f"these rules cannot all hold together: {words}")]
