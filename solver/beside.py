"""The outline's lower-bound search, run on a thread of its own beside the search for programmes.

The search for programmes leaves a core idle for much of a solve: the start, the whole model and
the outline each run on one worker. CP-SAT's default search looks for the outline's answers and
raises its bound slowly; its objective lower-bound search (`use_objective_lb_search`) raises it: on
the 300-item benchmark it reaches 8,970 / 10,950 / 9,410 within a 60-s solve's work, where the
default search stays near the root. So that search runs beside the rest from the start, and its
bound is taken at the end.

Its last answer is the outline's best, often its optimum, where the planner's own search of the
outline has a short share: on 300 seed 0 the optimum (9,000) followed gives 9,100, where the
programme otherwise stays at 9,300 by 300 s. So the thread then follows it (solver.outline.follow)
with a work budget of its own, and the planner takes that programme when it is better.

It stays deterministic: the thread ends by its own work budgets (or by the deadline, which is then
remembered as a clock cut), and its bound and programme are read only once it has ended, so nothing
the other searches do depends on when it ended. By the clock (`deterministic=False`) the search runs
to the deadline and leaves no time to follow its last answer; there its answers are kept as they
come (`answer_so_far`), and the planner follows the best one found by then on its own thread.
"""

from __future__ import annotations

import math
import threading
from dataclasses import replace

from ortools.sat.python import cp_model

from solver.lns import Incumbent, Neighbourhoods
from solver.model import PlanModel
from solver.outline import Outline, Sketch, answer, follow, meeting_slots
from solver.search import Budget, PlanOptions, solver_for

# Of the whole budget's work, what the bound search may spend. By its work the planner leaves it a
# worker of its own (the neighbourhoods run on one worker fewer), where the lower-bound search
# counts about 1.3 deterministic seconds per wall second on the benchmark's outlines, so three and
# a half times the solve's work (1.05 a second) ends it before the deadline. Three times took 300
# items at 60 s to within 5% on seeds 3 and 4 (two and a half left both at 5.7%); three and a half
# took 300 seed 2 at 300 s to within 1% (bound 9,760 against 9,740) and changed nothing at 60 s or
# on 600 items at 120 s. Not always before the deadline: on 600 seed 1 it counts 0.91 a second
# beside the planner, and the clock ends it at 120 s (docs/planner.md).
# With the neighbourhoods on two workers it counted 0.5-0.7 a second, and half as much again as
# the solve's work was what ended in time.
WORK_SHARE = 3.5
# Below a minute's work (18 deterministic seconds) the share falls towards half of that: building
# the outline and following its answer take a few seconds whatever the budget, and on short limits
# three times the solve's work let the clock end the search (300 and 600 items at 10 s: four of six
# runs, none with half as much again).
SHORT_SHARE, FULL_FROM = 1.5, 18.0

# Of the whole budget's work, what following its answer may spend. It follows one hand-made table,
# the one that scores least once re-planned: on 300 items that takes about 3 deterministic seconds
# and 7 of the wall, and on 300 seed 0 every table then came to the same score.
FOLLOW_SHARE = 0.2
# Work that must be left after following for neighbourhoods to go on from its programme: with
# less (limits of a minute or two) they would end past the deadline.
NEIGHBOURHOODS_LEFT = 5.0
MARGIN = 0.5  # seconds before the deadline that it ends by the clock, so that joining it is free
POLL = 0.1  # seconds between asking whether the solve was cancelled, while waiting for the bound


def bound_work(work: float) -> float:
    """The deterministic work the lower-bound search may spend in a solve of `work`."""
    return work * (SHORT_SHARE + (WORK_SHARE - SHORT_SHARE) * min(1.0, work / FULL_FROM))


class _Answers(cp_model.CpSolverSolutionCallback):
    """The lower-bound search's answers as they come, the last (its best) kept."""

    def __init__(self, outline: Outline):
        super().__init__()
        self.outline = outline
        self.lock = threading.Lock()
        self.best: Sketch | None = None

    def on_solution_callback(self) -> None:
        sketch = Sketch(math.ceil(self.best_objective_bound - 1e-6), meeting_slots(self.outline, self.value))
        with self.lock:
            self.best = sketch


def bound_solver(options: PlanOptions, wall: float, work: float) -> cp_model.CpSolver:
    """A solver for the outline's bound: CP-SAT's objective lower-bound search on one worker, with
    the fuller linear relaxation, ended by `wall` seconds or, in deterministic mode, `work`."""
    solver = solver_for(options, wall, work, workers=1)
    solver.parameters.linearization_level = 2
    solver.parameters.use_objective_lb_search = True
    return solver


class BoundSearch:
    """The outline solved for its bound on a thread, its answer then followed; `result()` waits for both."""

    def __init__(self, pm: PlanModel, budget: Budget):
        self.budget = budget
        options = budget.options
        self.solver = bound_solver(options, max(0.01, budget.wall_left() - MARGIN), bound_work(options.work))
        self.status: int | None = None  # until the search has run
        self.followed: Incumbent | None = None  # its answer followed, once it has one
        self.following = Budget(replace(options, workers=1, time_limit=max(0.01, options.time_limit - MARGIN), work_limit=FOLLOW_SHARE * options.work),
                                budget.started)
        self.stopped = threading.Event()
        self.answers: _Answers | None = None  # by the clock, its answers as they come
        self.thread = threading.Thread(target=self._run, args=(pm,), name="podium-bound", daemon=True)
        self.thread.start()

    def _run(self, pm: PlanModel) -> None:
        # Built here, not by the caller: building takes a tenth of a second for 300 items.
        outline = Outline(pm, strong=True)
        if self.stopped.is_set():
            return
        self.answers = None if self.budget.options.deterministic else _Answers(outline)
        self.status = self.solver.solve(outline.model, self.answers)
        slots = answer(outline, self.solver, self.status)
        if slots is not None and not self.stopped.is_set():
            followed = follow(pm, Sketch(self._bound(), slots), self.following, tables=1)
            if followed is not None and self.following.work_left() >= NEIGHBOURHOODS_LEFT:
                followed = Neighbourhoods(pm, self.following).improve(followed, self._bound())
            self.followed = followed

    def _bound(self) -> int:
        return math.ceil(self.solver.best_objective_bound - 1e-6)  # integer objective: round the float bound up

    def answer_so_far(self) -> Sketch | None:
        """By the clock, the search's best answer so far, while it runs; None in deterministic
        mode, where what the planner does may not depend on how far the thread has come."""
        answers = self.answers
        if answers is None:
            return None
        with answers.lock:
            return answers.best

    def stop(self) -> None:
        """End the search now: the programme is proved optimal, or the solve was cancelled."""
        self.stopped.set()
        self.following.end()
        while self.thread.is_alive():
            # Asked again until it ends: a search that had not yet begun does not hear the first.
            self.solver.stop_search()
            self.thread.join(0.05)

    def result(self) -> int | None:
        """The bound, once the search has ended (at once when the solve is cancelled: the bound
        found so far holds); None when it was stopped before it began or the outline has no answer."""
        should_stop = self.budget.options.should_stop
        while self.thread.is_alive():
            self.thread.join(POLL)
            if should_stop is not None and should_stop():
                self.stop()
        if self.status is None or self.status == cp_model.INFEASIBLE:
            return None
        self.budget.note(self.solver, self.status)
        if not self.stopped.is_set():
            self.budget.clock_cut |= self.following.clock_cut
        return self._bound()
