"""Draft a programme: solve the model, report the objective by term, re-plan with least change."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from solver.explain import explain, precheck
from solver.extract import programme_from_values
from solver.greedy import greedy_fill
from solver.grid import Grid, build_grid
from solver.model import PlanModel
from solver.problem import Session
from solver.programme import Meeting, Programme
from solver.search import (
    PlanOptions,
    ProgressCallback,
    breakdown_of,
    minutes_taken,
    relative_gap,
    solver_for,
)

Status = Literal["optimal", "feasible", "infeasible", "unknown"]

_STATUS: dict[int, Status] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "unknown",
}


@dataclass(frozen=True)
class Change:
    """One meeting that a re-plan added, removed or changed against the reference."""

    kind: Literal["added", "removed", "changed"]
    date: str
    slot: str
    bodies: tuple[str, ...]
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"{self.date} {self.slot} {'+'.join(self.bodies)}"
        if self.kind == "added":
            return f"added {where}: {', '.join(self.after)}"
        if self.kind == "removed":
            return f"removed {where}: {', '.join(self.before)}"
        return f"changed {where}: {', '.join(self.before)} -> {', '.join(self.after)}"


@dataclass(frozen=True)
class Result:
    """The outcome of a solve: programme, status, objective by term, bound and statistics."""

    status: Status
    programme: Programme | None = None
    objective: int | None = None
    bound: float | None = None
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)  # term -> {value, weight, cost}
    stats: dict[str, float] = field(default_factory=dict)
    conflicts: tuple = ()  # solver.explain.Conflict, when infeasible
    changes: tuple[Change, ...] = ()  # against the reference, when re-planning

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


def _solve(pm: PlanModel, options: PlanOptions, started: float) -> tuple[cp_model.CpSolver, int]:
    solver = solver_for(options, max(0.1, options.time_limit - (time.monotonic() - started)))
    if options.progress or options.should_stop:
        status = solver.solve(pm.model, ProgressCallback(options, time.monotonic() - started))
    else:
        status = solver.solve(pm.model)
    return solver, status


def plan(session: Session, options: PlanOptions | None = None, reference: Programme | None = None) -> Result:
    """Draft the programme of a session; with a reference, the one that moves least from it."""
    options = options or PlanOptions()
    started = time.monotonic()
    grid = build_grid(session)
    conflicts = precheck(grid)
    if conflicts:
        return Result("infeasible", conflicts=tuple(conflicts), stats={"wall_time": time.monotonic() - started})
    if reference is not None:
        return _replan(grid, options, reference, started)
    pm = PlanModel(grid, options.weights)
    # Start from a hand-made table that splits no item it need not split, else the plain one.
    hand_made = greedy_fill(grid, whole_items=True) or greedy_fill(grid)
    if hand_made is not None:
        _hint_solution(pm, hand_made, options)
    solver, status = _solve(pm, options, started)
    return _result(grid, pm, solver, status, options, started)


def _hint_solution(pm: PlanModel, taken: dict[tuple[int, int], int], options: PlanOptions) -> None:
    """Hint every variable from a table (the hand-made one): large sessions start from it.

    The table fixes only minutes; a copy of the model with them fixed solves at once for the
    rest (spans, gaps, meeting counts), so that the hint is complete and needs no repair.
    """
    trial = pm.model.clone()
    for key, x in pm.x.items():
        minutes = taken.get(key, 0) // pm.grid.unit
        trial.add(trial.get_int_var_from_proto_index(x.index) == minutes)
    solver = solver_for(options, min(5.0, options.time_limit / 4))
    if solver.solve(trial) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return
    for i in range(len(trial.proto.variables)):
        pm.model.add_hint(pm.model.get_int_var_from_proto_index(i), solver.value(trial.get_int_var_from_proto_index(i)))


def _result(grid: Grid, pm: PlanModel, solver: cp_model.CpSolver, status: int, options: PlanOptions, started: float,
            reference: Programme | None = None) -> Result:
    name = _STATUS[status]
    stats = {
        "wall_time": round(time.monotonic() - started, 3),
        "branches": solver.num_branches,
        "conflicts": solver.num_conflicts,
        "variables": len(pm.model.proto.variables),
        "constraints": len(pm.model.proto.constraints),
    }
    if name == "infeasible" or name == "unknown":
        conflicts = ()
        if name == "infeasible" and options.explain:
            conflicts = tuple(explain(grid, options))
        return Result(name, stats=stats, conflicts=conflicts)
    programme = programme_from_values(grid, minutes_taken(pm, solver))
    changes = tuple(diff(grid.session, reference, programme)) if reference is not None else ()
    return Result(
        name,
        programme=programme,
        objective=round(solver.objective_value),
        bound=math.ceil(solver.best_objective_bound - 1e-6),  # integer objective: round the float bound up
        breakdown=breakdown_of(pm, solver),
        stats=stats,
        changes=changes,
    )


def _replan(grid: Grid, options: PlanOptions, reference: Programme, started: float) -> Result:
    """Lexicographic: fewest changes first, then the usual objective within that many changes."""
    stable = PlanModel(grid, options.weights, reference=reference)
    stable.model.minimize(stable.weights_of["moved"] * stable.terms["moved"] + stable.weights_of["minutes_moved"] * stable.terms["minutes_moved"])
    _hint(stable, reference)
    solver, status = _solve(stable, options, started)
    if _STATUS[status] not in ("optimal", "feasible"):
        return _result(grid, stable, solver, status, options, started, reference)
    moved, minutes = solver.value(stable.terms["moved"]), solver.value(stable.terms["minutes_moved"])
    final = PlanModel(grid, options.weights, reference=reference)
    final.model.add(final.terms["moved"] <= moved)
    final.model.add(final.terms["minutes_moved"] <= minutes)
    for key, var in stable.x.items():
        final.model.add_hint(final.x[key], solver.value(var))
    solver, status = _solve(final, options, started)
    return _result(grid, final, solver, status, options, started, reference)


def _hint(pm: PlanModel, reference: Programme) -> None:
    grid = pm.grid
    hinted: set[tuple[int, int]] = set()  # a joint item is one task for all its bodies: hint it once
    for meeting in reference.meetings:
        s = grid.slot_at(meeting.date, meeting.slot)
        for take in meeting.items:
            task = grid.task_of.get((take.body, take.code))
            if s is None or task is None or (take.body, take.code) in grid.first_under:
                continue
            if (task.index, s.index) in pm.x and (task.index, s.index) not in hinted:
                hinted.add((task.index, s.index))
                pm.model.add_hint(pm.y[task.index, s.index], 1)
                pm.model.add_hint(pm.x[task.index, s.index], (take.minutes or 0) // grid.unit)


def diff(session: Session, before: Programme, after: Programme) -> list[Change]:
    """Meetings added, removed or changed between two programmes, by slot and bodies."""

    def index(p: Programme) -> dict[tuple, Meeting]:
        return {(m.date, m.slot, m.bodies): m for m in p.meetings}

    # Minutes count only when both programmes carry them (a published table has none).
    with_minutes = all(t.minutes is not None for p in (before, after) for m in p.meetings for t in m.items)

    def takes(m: Meeting) -> tuple[str, ...]:
        return tuple(
            f"{t.body} {t.code}" + (f" ({t.minutes} min)" if with_minutes else "")
            for t in m.items
            if t.minutes != 0 and (t.body, t.code) not in headings
        )

    headings = {i.ref for i in session.agenda if i.heading}
    a, b = index(before), index(after)
    out: list[Change] = []
    for key in sorted(set(a) | set(b)):
        date, slot, bodies = key[0].isoformat(), key[1].strftime("%H:%M"), key[2]
        if key not in b:
            out.append(Change("removed", date, slot, bodies, before=takes(a[key])))
        elif key not in a:
            out.append(Change("added", date, slot, bodies, after=takes(b[key])))
        elif takes(a[key]) != takes(b[key]):
            out.append(Change("changed", date, slot, bodies, takes(a[key]), takes(b[key])))
    return out
