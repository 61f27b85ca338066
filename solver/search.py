"""How CP-SAT is run: options, solver parameters, progress reports, and reading a solution back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.model import PlanModel, Weights


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    """How far the objective may still be from the best possible: 0 when proved optimal."""
    if objective is None or bound is None:
        return None
    return 0.0 if objective == 0 else abs(objective - bound) / abs(objective)


@dataclass(frozen=True)
class Progress:
    """An improving solution found during a solve."""

    objective: float
    bound: float
    elapsed: float

    @property
    def gap(self) -> float:
        return relative_gap(self.objective, self.bound)


@dataclass(frozen=True)
class PlanOptions:
    """How to solve: seed, limits, weights, workers and an optional progress callback."""

    seed: int = 0
    time_limit: float = 30.0
    workers: int = 2
    weights: Weights = field(default_factory=Weights)
    progress: Callable[[Progress], None] | None = None
    # Asked after each improving solution: True ends the search there (a cancelled background job).
    should_stop: Callable[[], bool] | None = None
    explain: bool = True  # on infeasibility, find the rules that conflict
    # Deterministic: the same seed gives the same programme on any machine, even when the limit
    # stops the search (it counts deterministic work, not seconds). Otherwise a parallel portfolio
    # that is often better on large sessions but may return a different tie each run.
    deterministic: bool = True


class ProgressCallback(cp_model.CpSolverSolutionCallback):
    def __init__(self, options: PlanOptions, offset: float):
        super().__init__()
        self._report, self._should_stop, self._offset = options.progress, options.should_stop, offset
        self._found = 0

    def on_solution_callback(self) -> None:
        self._found += 1
        if self._report:
            self._report(Progress(self.objective_value, self.best_objective_bound, self._offset + self.wall_time))
        # Never at the first solution: CP-SAT 9.15 aborts the process when an interleaved search with
        # a hint is stopped there ("Check failed: solution->size() == postsolve_mapping.size()").
        if self._found > 1 and self._should_stop and self._should_stop():
            self.stop_search()


def solver_for(options: PlanOptions, time_limit: float | None = None) -> cp_model.CpSolver:
    """A CP-SAT solver whose result depends only on the model and the seed."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = options.seed
    p.num_workers = max(1, options.workers)
    limit = options.time_limit if time_limit is None else time_limit
    if options.deterministic:
        # Interleaved search runs the portfolio in one deterministic schedule; the wall-clock
        # limit is only a safety net for slow machines.
        p.interleave_search = True
        p.max_deterministic_time = limit
        p.max_time_in_seconds = 3 * limit
    else:
        p.max_time_in_seconds = limit
    return solver


def minutes_taken(pm: PlanModel, solver: cp_model.CpSolver) -> dict[tuple[int, int], int]:
    """Minutes per (task, slot) in the solver's solution."""
    return {k: solver.value(v) * pm.grid.unit for k, v in sorted(pm.x.items()) if solver.value(v)}


def breakdown_of(pm: PlanModel, solver: cp_model.CpSolver) -> dict[str, dict[str, int]]:
    """Each objective term's value, weight and cost in the solver's solution."""
    out = {}
    for name, expr in pm.terms.items():
        value = int(solver.value(expr)) if not isinstance(expr, int) else expr
        out[name] = {"value": value, "weight": pm.weights_of[name], "cost": value * pm.weights_of[name]}
    return out
