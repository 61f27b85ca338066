"""How CP-SAT is run: options, solver parameters, progress reports, and reading a solution back."""

from __future__ import annotations

import ctypes
import ctypes.util
import time
from collections.abc import Callable, Iterable
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


# Deterministic seconds of search per wall second that one busy core keeps up with (about 0.45 on
# this project's machine, idle): the default work budget of a deterministic solve, so that the
# budget, not the clock, ends it.
WORK_PER_SECOND = 0.3


@dataclass(frozen=True)
class PlanOptions:
    """How to solve: seed, limits, mode, weights, workers and an optional progress callback."""

    seed: int = 0
    time_limit: float = 30.0  # wall seconds: the solve ends by then (plus a second at most) in either mode
    workers: int = 2
    weights: Weights = field(default_factory=Weights)
    progress: Callable[[Progress], None] | None = None
    # Asked after each improving solution: True ends the search there (a cancelled background job).
    should_stop: Callable[[], bool] | None = None
    explain: bool = True  # on infeasibility, find the rules that conflict
    # Same answer on every run: the search is measured in deterministic work (CP-SAT's
    # deterministic time), so the same seed gives the same programme on any machine unless the
    # wall-clock limit comes first (the result then says so). Otherwise the search uses the wall
    # clock alone and the parallel portfolio, which may return a different tie on each run.
    deterministic: bool = True
    work_limit: float | None = None  # deterministic seconds; by default WORK_PER_SECOND * time_limit

    @property
    def work(self) -> float:
        """The deterministic work budget of the whole solve."""
        return self.work_limit if self.work_limit is not None else WORK_PER_SECOND * self.time_limit

    @property
    def mode(self) -> str:
        return "deterministic" if self.deterministic else "wall"


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


def solver_for(options: PlanOptions, wall: float | None = None, work: float | None = None,
               workers: int | None = None, seed: int = 0) -> cp_model.CpSolver:
    """A CP-SAT solver that stops by `wall` seconds; in deterministic mode also after `work`
    deterministic seconds, so that its result depends only on the model and the seed."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = options.seed + seed
    p.num_workers = max(1, options.workers if workers is None else workers)
    p.max_time_in_seconds = max(0.01, options.time_limit if wall is None else wall)
    if options.deterministic and p.num_workers > 1:
        # Interleaved search runs the portfolio in one deterministic schedule.
        p.interleave_search = True
    if options.deterministic:
        p.max_deterministic_time = max(0.01, options.work if work is None else work)
    return solver


class Budget:
    """What a solve may still spend: wall seconds to its deadline and, in deterministic mode,
    deterministic work; it also remembers whether the clock cut any search short."""

    def __init__(self, options: PlanOptions, started: float):
        self.options, self.started = options, started
        self.deadline = started + options.time_limit
        self.work_spent = 0.0
        self.clock_cut = False

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def wall_left(self) -> float:
        return self.deadline - time.monotonic()

    def work_left(self) -> float:
        return self.options.work - self.work_spent

    def exhausted(self) -> bool:
        """True when nothing is left to spend; the clock running out first makes a deterministic
        solve's answer depend on the machine, and is remembered."""
        if self.options.deterministic and self.work_left() <= 0.01:
            return True
        if self.wall_left() <= 0.05:
            self.clock_cut |= self.options.deterministic
            return True
        return False

    def end(self) -> None:
        """Spend nothing more: the searches it would pay for are no longer wanted."""
        self.deadline = time.monotonic()

    def solver(self, share: float = 1.0, seconds: float | None = None, workers: int | None = None,
               seed: int = 0) -> cp_model.CpSolver:
        """A solver for `share` of what is left, or for a slice of `seconds` (of work at
        WORK_PER_SECOND in deterministic mode). Deterministic searches are scheduled by work alone:
        the clock only guards the deadline, so that a busy machine does not change the answer;
        they run on one worker, since CP-SAT's interleaved portfolio held 1.5 GB on the 300-item
        benchmark and searched worse than one worker did."""
        if self.options.deterministic:
            work = share * self.work_left() if seconds is None else min(WORK_PER_SECOND * seconds, self.work_left())
            return solver_for(self.options, max(0.01, self.wall_left()), max(0.01, work), 1, seed)
        wall = share * self.wall_left() if seconds is None else min(seconds, self.wall_left())
        return solver_for(self.options, max(0.01, wall), workers=workers, seed=seed)

    def spent_share(self, share: float) -> Callable[[], bool]:
        """A test that is True once `share` of what is left now has been spent (or all of it)."""
        stop_work = self.work_spent + share * self.work_left()
        stop_wall = self.elapsed() + share * self.wall_left()

        def spent() -> bool:
            if self.exhausted():
                return True
            return self.work_spent >= stop_work if self.options.deterministic else self.elapsed() >= stop_wall
        return spent

    def charge(self, work: float) -> None:
        """Count `work` deterministic seconds of search done outside CP-SAT (solver.recut's)."""
        self.work_spent += work

    def spend(self, *searches: tuple[cp_model.CpSolver, int]) -> None:
        """Count the work of searches that ran side by side (the longest of them), and whether the
        clock rather than work or proof ended any of them."""
        self.work_spent += max(solver.response_proto.deterministic_time for solver, _ in searches)
        for solver, status in searches:
            self.note(solver, status)

    def note(self, solver: cp_model.CpSolver, status: int) -> None:
        """Remember whether the clock rather than work or proof ended a search (one that ran
        beside the budget's, whose work is not counted in it, as well as the budget's own)."""
        if status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE) and self.options.deterministic:
            limit = solver.parameters.max_deterministic_time
            self.clock_cut |= solver.response_proto.deterministic_time < 0.999 * limit


def _trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, where the C library has it (not musl, macOS or Windows)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


_malloc_trim = _trim()


def release_memory() -> None:
    """Give the pages that large searches freed back to the system.

    CP-SAT frees its copy of the model when a search ends, but glibc keeps the pages in its
    arenas for reuse: on the 600-item benchmark by the clock the process held 720 MiB after the
    whole model's search and 330 MiB after a trim, and its peak fell from 1,064 to 807 MiB.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)


def fixed_copy(model: cp_model.CpModel, values: Iterable[tuple[int, int]]) -> cp_model.CpModel:
    """A copy of `model` with each variable of `values` (index, value) fixed to its value."""
    copy = model.clone()
    variables = copy.proto.variables
    for i, value in values:
        domain = variables[i].domain
        domain[0] = domain[1] = value
    return copy


def hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    """Hint every variable of `model` with its value in a whole solution (one value per index)."""
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)


Value = Callable[[cp_model.IntVar], int]


def minutes_taken(pm: PlanModel, value: Value) -> dict[tuple[int, int], int]:
    """Minutes per (task, slot) in a solution, read through `value` (e.g. a solver's)."""
    return {k: value(v) * pm.grid.unit for k, v in sorted(pm.x.items()) if value(v)}


def breakdown_of(pm: PlanModel, value: Value) -> dict[str, dict[str, int]]:
    """Each objective term's value, weight and cost in a solution, read through `value`."""
    out = {}
    for name, expr in pm.terms.items():
        v = int(value(expr)) if not isinstance(expr, int) else expr
        out[name] = {"value": v, "weight": pm.weights_of[name], "cost": v * pm.weights_of[name]}
    return out
