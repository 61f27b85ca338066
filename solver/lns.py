"""Large neighbourhood search: keep most of a programme, re-solve a stretch of days, of bodies or of an agenda."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model import PlanModel
from solver.recut import recut, work_of
from solver.search import WORK_PER_SECOND, Budget, fixed_copy, hint_all, minutes_taken, release_memory

SLICE = 4.0  # seconds (or their work) at most for one neighbourhood
KINDS = ("days", "agenda", "bodies", "end", "gaps")
GRACE = 1.0  # wall seconds a completion may have past the deadline: the time limit allows a second more


@dataclass(frozen=True)
class Incumbent:
    """A complete solution of a model: one value per variable, and its objective."""

    values: list[int]
    objective: int

    def value(self, var: cp_model.IntVar) -> int:
        return self.values[var.index]


def complete(pm: PlanModel, taken: dict[tuple[int, int], int], budget: Budget) -> Incumbent | None:
    """Complete a table (a hand-made or re-cut one) into a solution of every variable.

    The table fixes only minutes; a copy of the model with them fixed solves at once for the
    rest (spans, gaps, meeting counts), so that the hint is complete and needs no repair.
    """
    trial = fixed_copy(pm.model, ((x.index, taken.get(key, 0) // pm.grid.unit) for key, x in pm.x.items()))
    # With every minute fixed it ends at once: it may have all that is left and, past the
    # deadline, a grace second, or a slow machine could return no programme at all.
    solver = budget.solver()
    solver.parameters.max_time_in_seconds = max(solver.parameters.max_time_in_seconds, GRACE)
    status = solver.solve(trial)
    budget.spend((solver, status))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return Incumbent(list(solver.response_proto.solution), round(solver.objective_value))


def recut_complete(pm: PlanModel, taken: dict[tuple[int, int], int], budget: Budget) -> Incumbent | None:
    """A table re-cut body by body (solver.recut), its work counted, and completed."""
    cut = recut(pm, taken)
    budget.charge(work_of(pm))
    return complete(pm, cut, budget)


class Neighbourhoods:
    """The neighbourhood search, resumable: a later call goes on with the draws, the size and the
    turn where the one before stopped, rather than drawing the same neighbourhoods again.

    Each round solves one neighbourhood per worker side by side (one CP-SAT worker each: the
    round's outcome depends on the seed alone, so deterministic mode stays deterministic) and
    keeps the best. Kinds take turns, each at a place drawn from the seed; a neighbourhood that
    solves to optimality grows the next one, one that runs out of time shrinks it.
    """

    def __init__(self, pm: PlanModel, budget: Budget):
        self.pm, self.budget = pm, budget
        self.rng = random.Random(budget.options.seed)
        self.size = max(8.0, len(pm.grid.tasks) / 8)
        self.turn = 0
        self.cells = _cells(pm)

    def improve(self, best: Incumbent, bound: int, improved: Callable[[Incumbent], None] | None = None,
                share: float = 1.0) -> Incumbent:
        """Re-solve neighbourhoods of the best solution for `share` of what the budget has left;
        every step keeps all rules."""
        pm, budget = self.pm, self.budget
        options = budget.options
        # A twentieth of the solve; by its work in deterministic mode, so that the answer depends on
        # the work budget alone, not on the seconds a slower machine is given for it.
        budgeted = options.work / WORK_PER_SECOND if options.deterministic else options.time_limit
        seconds = min(SLICE, max(0.5, budgeted / 20))
        spent = budget.spent_share(share)
        with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
            while best.objective > bound and not spent():
                if options.should_stop and options.should_stop():
                    break
                frees = []
                for _ in range(max(1, options.workers)):
                    frees.append(_neighbourhood(KINDS[self.turn % len(KINDS)], pm, best, round(self.size), self.rng))
                    self.turn += 1
                searches = list(pool.map(lambda job: _search(pm, self.cells, best, job[1], budget, seconds, job[0]), enumerate(frees)))  # noqa: B023 (mapped at once)
                budget.spend(*[(solver, status) for solver, status in searches])
                release_memory()  # each round's copies of the model: the peak at 600 items, by the clock
                before = best.objective
                for solver, status in searches:
                    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(solver.objective_value) < best.objective:
                        best = Incumbent(list(solver.response_proto.solution), round(solver.objective_value))
                        if improved:
                            improved(best)
                    self.size = min(len(pm.grid.tasks), self.size * 1.25) if status == cp_model.OPTIMAL else max(4.0, self.size * 0.85)
                if best.objective < before and not budget.exhausted():
                    # A neighbourhood moves meetings; re-cutting every agenda through them may gain more.
                    cut = recut_complete(pm, minutes_taken(pm, best.value), budget)
                    if cut is not None and cut.objective < best.objective:
                        best = cut
                        if improved:
                            improved(best)
        return best


def _search(pm: PlanModel, cells: dict[int, list[int]], best: Incumbent, free: set[int], budget: Budget,
            seconds: float, seed: int) -> tuple[cp_model.CpSolver, int]:
    """Solve the model with every task outside `free` fixed as in the best solution, which hints the rest."""
    sub = fixed_copy(pm.model, ((i, best.values[i]) for task, indices in cells.items() if task not in free for i in indices))
    sub.clear_hints()
    hint_all(sub, best.values)
    solver = budget.solver(seconds=seconds, workers=1, seed=seed)  # after the copy: its seconds are the search's
    return solver, solver.solve(sub)


def _cells(pm: PlanModel) -> dict[int, list[int]]:
    """Variable indices of each task's cells (taken and minutes)."""
    cells: dict[int, list[int]] = {}
    for (task, s), y in pm.y.items():
        cells.setdefault(task, []).extend((y.index, pm.x[task, s].index))
    return cells


def _neighbourhood(kind: str, pm: PlanModel, best: Incumbent, size: int, rng: random.Random) -> set[int]:
    """Tasks to free: about `size` of them, by a stretch of slots (for all bodies, for two bodies,
    up to the last slot used, where the finish is decided, or around a slot where some body is
    idle between its meetings, where a gap is paid), or by a stretch of one body's agenda."""
    g = pm.grid
    slots_of: dict[int, list[int]] = {}
    for (task, s), x in pm.x.items():
        if best.values[x.index]:
            slots_of.setdefault(task, []).append(s)
    if kind == "agenda":
        seq = g.sequence[rng.choice(sorted(b for b, q in g.sequence.items() if q))]
        start = rng.randrange(max(1, len(seq) - size + 1))
        return {t.index for t in seq[start:start + size]}
    bodies = set(rng.sample(sorted(g.sequence), min(2, len(g.sequence)))) if kind == "bodies" else set(g.sequence)
    mine = [t.index for t in g.tasks if set(t.bodies) & bodies]
    # Grow a window of slots around a drawn one, a slot later then a slot earlier, until it holds enough tasks.
    last = len(g.slots) - 1
    if kind == "end":
        last = max(s for used in slots_of.values() for s in used)
        lo = hi = last
    elif kind == "gaps":
        held: dict[str, set[int]] = {}
        for task, used in slots_of.items():
            for b in g.tasks[task].bodies:
                held.setdefault(b, set()).update(used)
        idle = sorted({s for b, ss in held.items() for s in range(min(ss), max(ss)) if s not in ss})
        lo = hi = rng.choice(idle) if idle else rng.randrange(len(g.slots))
    else:
        lo = hi = rng.randrange(len(g.slots))
    free: set[int] = set()
    step = 0
    while len(free) < size and (lo > 0 or hi < last):
        if (step % 2 == 0 and hi < last) or lo == 0:
            hi += 1
        else:
            lo -= 1
        step += 1
        free = {t for t in mine if any(lo <= s <= hi for s in slots_of.get(t, ()))}
    return free
