"""Draft a programme: solve the model, report the objective by term, re-plan with least change."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Literal

from ortools.sat.python import cp_model

from solver.beside import BoundSearch
from solver.explain import explain, precheck
from solver.extract import programme_from_values
from solver.greedy import hand_tables
from solver.grid import Grid, build_grid
from solver.joints import shift_joints
from solver.lns import Incumbent, Neighbourhoods, complete, recut_complete
from solver.model import PlanModel
from solver.outline import applies, follow, sketch
from solver.pairs import replan_pairs
from solver.problem import Session
from solver.programme import Meeting, Programme
from solver.search import (
    Budget,
    PlanOptions,
    Progress,
    ProgressCallback,
    breakdown_of,
    hint_all,
    minutes_taken,
    relative_gap,
    release_memory,
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
    stats: dict[str, float | str] = field(default_factory=dict)  # "mode": "deterministic" or "wall"; seconds, work, sizes
    conflicts: tuple = ()  # solver.explain.Conflict, when infeasible
    changes: tuple[Change, ...] = ()  # against the reference, when re-planning
    # Same answer on every run: a deterministic solve that its work budget or a proof ended, not the clock.
    deterministic: bool = False

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


# Share of the budget for the whole model's search before neighbourhoods take over: enough to
# prove small sessions optimal and to give large ones their bound.
FULL_SHARE = 0.2
# Seconds left after the start below which the whole model is not even presolved (0.2 s and more
# for 300 items): the start is then the answer, within the time limit.
START_ONLY = 0.5
# Share of what is then left for the outline's search for answers (solver.outline), which guide a
# programme; its bound, which sees the gaps and the finish that the whole model's relaxation spreads
# in fractions, is raised further by the bound search beside (solver.beside).
OUTLINE_SHARE = 0.15
# Slots earlier than the programme in hand that the outline is then kept to end by, one after the
# other, each for EARLIER_SHARE of what is left, its answer followed (solver.outline.follow).
EARLIER = (1, 2, 4)
EARLIER_SHARE = 0.1
# Share of what is left for the neighbourhoods before those, which mostly stop improving by then.
NEIGHBOURHOODS_FIRST = 0.5


def _solve(pm: PlanModel, budget: Budget, share: float = 1.0, workers: int | None = None) -> tuple[cp_model.CpSolver, int]:
    options = budget.options
    solver = budget.solver(share, workers=workers)
    # The whole model's search gives the bound: a fuller linear relaxation (the redundant counts
    # and cuts of solver.model) raised it on the 300-item benchmark within the same seconds.
    solver.parameters.linearization_level = 2
    if options.progress or options.should_stop:
        status = solver.solve(pm.model, ProgressCallback(options, budget.elapsed()))
    else:
        status = solver.solve(pm.model)
    budget.spend((solver, status))
    release_memory()
    return solver, status


def plan(session: Session, options: PlanOptions | None = None, reference: Programme | None = None) -> Result:
    """Draft the programme of a session; with a reference, the one that moves least from it.

    The search ends by `options.time_limit` wall seconds; in deterministic mode, earlier, when its
    work budget is spent. A session that the whole model does not solve in its share of the budget
    goes on by large neighbourhood search (solver.lns) from the best programme found.
    """
    options = options or PlanOptions()
    budget = Budget(options, time.monotonic())
    grid = build_grid(session)
    conflicts = precheck(grid)
    if conflicts:
        return Result("infeasible", conflicts=tuple(conflicts), stats=_stats(budget))
    if reference is not None:
        return _replan(grid, budget, reference)
    pm = PlanModel(grid, options.weights)
    beside = None
    if applies(pm):
        if options.deterministic:
            # By its work the bound search beside has a worker of its own, so that its larger share
            # (solver.beside.bound_work) ends before the deadline. By the clock both searches share
            # the cores: the neighbourhoods on one worker fewer did worse on 600 items there.
            budget = Budget(replace(options, workers=max(1, options.workers - 1)), budget.started)
        # From the start, on the core that the search for programmes leaves idle much of the time.
        beside = BoundSearch(pm, budget)
    try:
        return _draft(grid, pm, budget, beside)
    finally:
        if beside is not None:
            beside.stop()


def _draft(grid: Grid, pm: PlanModel, budget: Budget, beside: BoundSearch | None) -> Result:
    """The start, the whole model, the outline and the neighbourhoods, in turn; the bound search
    `beside` runs meanwhile and its bound is the result's when it is higher."""
    options = budget.options
    tables = hand_tables(grid)
    # Each re-planned body by body (solver.recut); the best of those is kept aside, and the search
    # goes on from its table as made: from there the neighbourhoods, each followed by a re-cut,
    # found lower finishes on the 300-item benchmark than from the re-cut table itself.
    # On a slow machine with a short time limit the first re-cut table is the answer.
    cuts = []
    for t in tables:
        if cuts and cuts[-1][0] is not None and budget.wall_left() < START_ONLY:
            break
        cuts.append((recut_complete(pm, t, budget), t))
    kept, table = min(((c, t) for c, t in cuts if c is not None), key=lambda ct: ct[0].objective, default=(None, None))
    plain = (complete(pm, t, budget) for t in ([table] if table is not None else tables) if budget.wall_left() >= START_ONLY or kept is None)
    start = next((c for c in plain if c is not None), None) or kept
    first = min((c for c in (kept, start) if c is not None), key=lambda c: c.objective, default=None)
    shown = [first.objective] if first is not None else []
    if first is not None and options.progress:
        options.progress(Progress(first.objective, pm.floor, budget.elapsed()))
    if first is not None and budget.wall_left() < START_ONLY:
        budget.clock_cut |= options.deterministic
        return _result(grid, pm, None, cp_model.FEASIBLE, budget, solution=first, bound=pm.floor)
    if start is not None:
        hint_all(pm.model, start.values)
    # Before neighbourhoods, one worker: two held 1.2 GB on the 600-item benchmark for the same bound.
    solver, status = _solve(pm, budget, FULL_SHARE, workers=1) if start is not None else _solve(pm, budget)
    found = _STATUS[status] == "feasible"
    if _STATUS[status] in ("optimal", "infeasible") or (start is None and not found):
        return _result(grid, pm, solver, status, budget)
    # The whole model's bound holds even when its search found no solution of its own.
    best, bound = start or Incumbent([], 0), max(pm.floor, math.ceil(solver.best_objective_bound - 1e-6))
    if found:
        if start is None or round(solver.objective_value) < start.objective:
            best = Incumbent(list(solver.response_proto.solution), round(solver.objective_value))

    def improved(incumbent: Incumbent) -> None:
        if options.progress and (not shown or incumbent.objective < shown[-1]):
            shown.append(incumbent.objective)
            options.progress(Progress(incumbent.objective, bound, budget.elapsed()))

    def take(candidate: Incumbent | None) -> None:
        """Keep `candidate` when it is better than the programme in hand."""
        nonlocal best
        if candidate is not None and candidate.objective < best.objective:
            best = candidate
            improved(best)

    if applies(pm) and best.objective > bound and not budget.exhausted():
        outline = sketch(pm, budget, OUTLINE_SHARE, start=minutes_taken(pm, best.value))
        bound = max(bound, outline.bound)
        take(follow(pm, outline, budget))

    # The start's re-cut tables leave joint items where the tables put them; with those shifted
    # (solver.joints) another table than the best re-cut one may come out best.
    for cut, _ in cuts:
        if cut is None or best.objective <= bound or budget.exhausted():
            continue
        table = minutes_taken(pm, cut.value)
        moved = shift_joints(pm, replan_pairs(pm, table, budget), budget)
        if moved == table:
            continue
        take(complete(pm, moved, budget))
    neighbourhoods = Neighbourhoods(pm, budget)
    # The outline kept to end a few slots before the programme in hand: its answers, followed,
    # found lower programmes than the free outline's on the 300-item benchmark (docs/planner.md).
    if applies(pm) and best.values:
        best = neighbourhoods.improve(best, bound, improved, NEIGHBOURHOODS_FIRST)
        # By the clock the bound search runs to the deadline and has no time left to follow its
        # answer: its best so far is followed here.
        so_far = beside.answer_so_far() if beside is not None else None
        if so_far is not None and best.objective > bound and not budget.exhausted():
            take(follow(pm, so_far, budget, tables=1))
        finish = sum(best.value(v) for v in pm.open)
        for earlier in EARLIER:
            if best.objective <= bound or budget.exhausted():
                break
            take(follow(pm, sketch(pm, budget, EARLIER_SHARE, finish - earlier), budget))
    best = neighbourhoods.improve(best, bound, improved)
    if kept is not None and kept.objective < best.objective:
        best = kept
    if beside is not None:
        bound = max(bound, beside.result() or 0)
        take(beside.followed)
    status = cp_model.OPTIMAL if best.objective <= bound else cp_model.FEASIBLE
    return _result(grid, pm, solver, status, budget, solution=best, bound=bound)


def _stats(budget: Budget, solver: cp_model.CpSolver | None = None, pm: PlanModel | None = None) -> dict[str, float | str]:
    stats: dict[str, float | str] = {
        "mode": budget.options.mode,
        "wall_time": round(budget.elapsed(), 3),
        "work": round(budget.work_spent, 3),
    }
    if solver is not None and pm is not None:
        stats.update({
            "branches": solver.num_branches,
            "conflicts": solver.num_conflicts,
            "variables": len(pm.model.proto.variables),
            "constraints": len(pm.model.proto.constraints),
        })
    return stats


def _result(grid: Grid, pm: PlanModel, solver: cp_model.CpSolver | None, status: int, budget: Budget,
            reference: Programme | None = None, solution: Incumbent | None = None, bound: int | None = None) -> Result:
    """The result of the last search, or of `solution` (from neighbourhoods) with the whole model's `bound`."""
    name = _STATUS[status]
    stats = _stats(budget, solver, pm)
    deterministic = budget.options.deterministic and not budget.clock_cut
    if name == "infeasible" or name == "unknown":
        conflicts = ()
        if name == "infeasible" and budget.options.explain:
            conflicts = tuple(explain(grid, budget.options))
        return Result(name, stats=stats, conflicts=conflicts, deterministic=deterministic)
    value = solution.value if solution is not None else solver.value
    objective = solution.objective if solution is not None else round(solver.objective_value)
    if bound is None:
        bound = math.ceil(solver.best_objective_bound - 1e-6)  # integer objective: round the float bound up
    programme = programme_from_values(grid, minutes_taken(pm, value))
    changes = tuple(diff(grid.session, reference, programme)) if reference is not None else ()
    return Result(
        name,
        programme=programme,
        objective=objective,
        bound=min(bound, objective),
        breakdown=breakdown_of(pm, value),
        stats=stats,
        changes=changes,
        deterministic=deterministic,
    )


def _replan(grid: Grid, budget: Budget, reference: Programme) -> Result:
    """Lexicographic: fewest changes first, then the usual objective within that many changes."""
    options = budget.options
    stable = PlanModel(grid, options.weights, reference=reference)
    stable.model.minimize(stable.weights_of["moved"] * stable.terms["moved"] + stable.weights_of["minutes_moved"] * stable.terms["minutes_moved"])
    _hint(stable, reference)
    solver, status = _solve(stable, budget, 0.5)
    if _STATUS[status] not in ("optimal", "feasible"):
        return _result(grid, stable, solver, status, budget, reference)
    moved, minutes = solver.value(stable.terms["moved"]), solver.value(stable.terms["minutes_moved"])
    final = PlanModel(grid, options.weights, reference=reference)
    final.model.add(final.terms["moved"] <= moved)
    final.model.add(final.terms["minutes_moved"] <= minutes)
    for key, var in stable.x.items():
        final.model.add_hint(final.x[key], solver.value(var))
    solver, status = _solve(final, budget)
    return _result(grid, final, solver, status, budget, reference)


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
