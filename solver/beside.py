"""The outline's lower-bound search, run on a thread of its own beside the search for programmes.

The search for programmes leaves a core idle for much of a solve: the start, the whole model and
the outline each run on one worker. CP-SAT's default search looks for the outline's answers and
raises its bound slowly; its objective lower-bound search (`use_objective_lb_search`) raises it: on
the 300-item benchmark it reaches 8,970 / 10,950 / 9,410 within a 60-s solve's work, where the
default search stays near the root. So that search runs beside the rest from the start, and its
bound is taken at the end.

It stays deterministic: the thread ends by its own work budget (or by the deadline, which is then
remembered as a clock cut), and its bound is read only once it has ended, so nothing the other
searches do depends on when it ended.
"""

from __future__ import annotations

import math
import threading

from ortools.sat.python import cp_model

from solver.model import PlanModel
from solver.outline import Outline
from solver.search import Budget, solver_for

# Of the whole budget's work, what the bound search may spend: on its own core the lower-bound
# search counts 0.5-0.7 deterministic seconds per wall second on the benchmark's outlines, so half
# as much again as the solve's work ends it before the deadline (38 s of 60 on 300 items, 78 of
# 120 on 600); twice let the clock end it on 600 items at 120 s when it was first measured.
WORK_SHARE = 1.5
MARGIN = 0.5  # seconds before the deadline that it ends by the clock, so that joining it is free
POLL = 0.1  # seconds between asking whether the solve was cancelled, while waiting for the bound


class BoundSearch:
    """The outline solved for its bound alone on a thread; `result()` waits for it."""

    def __init__(self, pm: PlanModel, budget: Budget):
        self.budget = budget
        options = budget.options
        self.solver = solver_for(options, max(0.01, budget.wall_left() - MARGIN), WORK_SHARE * options.work, workers=1)
        self.solver.parameters.linearization_level = 2
        self.solver.parameters.use_objective_lb_search = True
        self.status: int | None = None  # until the search has run
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(pm,), name="podium-bound", daemon=True)
        self.thread.start()

    def _run(self, pm: PlanModel) -> None:
        # Built here, not by the caller: building takes a tenth of a second for 300 items.
        model = Outline(pm).model
        if not self.stopped.is_set():
            self.status = self.solver.solve(model)

    def stop(self) -> None:
        """End the search now: the programme is proved optimal, or the solve was cancelled."""
        self.stopped.set()
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
        return math.ceil(self.solver.best_objective_bound - 1e-6)
