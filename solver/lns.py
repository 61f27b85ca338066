"""Large neighbourhood search: keep most of a programme and re-solve a stretch of days, of one body's agenda, or of a few bodies."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

from ortools.sat.python import cp_model

from solver.model import PlanModel
from solver.search import Budget

SLICE = 4.0  # seconds (or their work) at most for one neighbourhood
KINDS = ("days", "agenda", "bodies")


@dataclass(frozen=True)
class Incumbent:
    """A complete solution of a model: one value per variable, and its objective."""

    values: list[int]
    objective: int

    def value(self, var: cp_model.IntVar) -> int:
        return self.values[var.index]


def improve(pm: PlanModel, best: Incumbent, budget: Budget, bound: int,
            improved: Callable[[Incumbent], None] | None = None) -> Incumbent:
    """Re-solve neighbourhoods of the best solution while the budget lasts; every step keeps all rules.

    Each round solves one neighbourhood per worker side by side (one CP-SAT worker each: the
    round's outcome depends on the seed alone, so deterministic mode stays deterministic) and
    keeps the best. Kinds take turns, each at a place drawn from the seed; a neighbourhood that
    solves to optimality grows the next one, one that runs out of time shrinks it.
    """
    options = budget.options
    rng = random.Random(options.seed)
    size = max(8.0, len(pm.grid.tasks) / 8)
    seconds = min(SLICE, max(0.5, options.time_limit / 20))
    turn = 0
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        while best.objective > bound and not budget.exhausted():
            if options.should_stop and options.should_stop():
                break
            frees = []
            for _ in range(max(1, options.workers)):
                frees.append(_neighbourhood(KINDS[turn % len(KINDS)], pm, best, round(size), rng))
                turn += 1
            searches = list(pool.map(lambda job: _search(pm, best, job[1], budget.solver(seconds=seconds, workers=1, seed=job[0])),
                                     enumerate(frees)))
            budget.spend(*[(solver, status) for solver, status in searches])
            for solver, status in searches:
                if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and round(solver.objective_value) < best.objective:
                    best = Incumbent(list(solver.response_proto.solution), round(solver.objective_value))
                    if improved:
                        improved(best)
                size = min(len(pm.grid.tasks), size * 1.1) if status == cp_model.OPTIMAL else max(4.0, size * 0.9)
    return best


def _search(pm: PlanModel, best: Incumbent, free: set[int], solver: cp_model.CpSolver) -> tuple[cp_model.CpSolver, int]:
    sub = pm.model.clone()
    _fix_all_but(sub, pm, best, free)
    return solver, solver.solve(sub)


def _fix_all_but(sub: cp_model.CpModel, pm: PlanModel, best: Incumbent, free: set[int]) -> None:
    """Fix the cells of every task outside `free` to the best solution; hint the rest with it."""
    proto = sub.proto
    for (task, _), y in pm.y.items():
        if task in free:
            continue
        x = pm.x[task, _]
        for var in (y, x):
            domain = proto.variables[var.index].domain
            domain[0] = domain[1] = best.values[var.index]
    sub.clear_hints()
    for i, v in enumerate(best.values):
        sub.add_hint(sub.get_int_var_from_proto_index(i), v)


def _neighbourhood(kind: str, pm: PlanModel, best: Incumbent, size: int, rng: random.Random) -> set[int]:
    """Tasks to free: about `size` of them, by stretch of days, of one body's agenda, or of two bodies."""
    g = pm.grid
    slots_of: dict[int, list[int]] = {}
    for (task, s), x in pm.x.items():
        if best.values[x.index]:
            slots_of.setdefault(task, []).append(s)
    if kind == "agenda":
        seq = g.sequence[rng.choice(sorted(b for b, q in g.sequence.items() if q))]
        start = rng.randrange(max(1, len(seq) - size + 1))
        return {t.index for t in seq[start:start + size]}
    bodies = set(g.sequence) if kind == "days" else set(rng.sample(sorted(g.sequence), min(2, len(g.sequence))))
    mine = [t.index for t in g.tasks if set(t.bodies) & bodies]
    # Grow a window of slots around a drawn one, a slot later then a slot earlier, until it holds enough tasks.
    last = len(g.slots) - 1
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
