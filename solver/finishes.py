"""The outline solved over ranges of finishes: the least of their bounds is a bound of the session, above the outline's own.

The outline's bound is its root bound (its search does not raise it): the linear relaxation takes
a fraction of one finish and a fraction of another, each with the splits and gaps of the other.
With the finish kept to a range, the relaxation knows better which slots are open, and the least
bound over ranges that cover every finish holds for every programme. Best first: the range with
the least bound is halved and each half solved, a single finish is solved again with twice the
effort, so the work goes where the least bound is (a branch and bound on the finish alone).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from solver.model import PlanModel
from solver.outline import Outline
from solver.search import WORK_PER_SECOND, Budget

FIRST_SECONDS = 1.0  # per solve of a range of finishes (of work at WORK_PER_SECOND in deterministic mode)


@dataclass(order=True)
class Span:
    """Finishes lo..hi and the outline's bound over them; `exact` when the solve proved it."""

    bound: float
    lo: int
    hi: int
    seconds: float = 0.0
    exact: bool = False


def finish_bound(pm: PlanModel, budget: Budget, share: float, known: int, enough: float = math.inf) -> int:
    """The outline's bound, refined by finishes for `share` of what is left of the budget: best
    first, the range of finishes with the least bound is halved and each half solved (a single
    finish is solved again with twice the effort), so the work goes where the least bound is.
    Never below `known`, the outline's bound over all finishes; it stops at `enough` (the
    objective of a programme in hand, which it then proves optimal)."""
    stop_work = budget.work_spent + share * budget.work_left()
    stop_wall = budget.elapsed() + share * budget.wall_left()

    def left() -> float:
        """Seconds (or their work) left of the share."""
        if budget.exhausted():
            return 0.0
        if budget.options.deterministic:
            return max(0.0, (stop_work - budget.work_spent) / WORK_PER_SECOND)
        return max(0.0, stop_wall - budget.elapsed())

    def solve(lo: int, hi: int, seconds: float, floor: float) -> Span:
        outline = Outline(pm)
        outline.end_within(lo, hi)
        solver = budget.solver(seconds=min(seconds, left()))
        solver.parameters.linearization_level = 2
        status = solver.solve(outline.model)
        budget.spend((solver, status))
        if status == cp_model.INFEASIBLE:
            return Span(math.inf, lo, hi, seconds, True)
        # A range within another keeps the other's bound: the least of the two solves holds.
        return Span(max(floor, solver.best_objective_bound), lo, hi, seconds, status == cp_model.OPTIMAL)

    spans = [Span(float(known), max(1, pm.earliest_end), len(pm.grid.slots))]
    while left() > 0.05:
        span = min(spans)
        if span.exact or span.bound >= enough:
            break
        spans.remove(span)
        if span.lo == span.hi:
            spans.append(solve(span.lo, span.hi, 2 * span.seconds or FIRST_SECONDS, span.bound))
            continue
        mid = (span.lo + span.hi) // 2
        spans += [solve(span.lo, mid, FIRST_SECONDS, span.bound), solve(mid + 1, span.hi, FIRST_SECONDS, span.bound)]
    least = min(spans).bound
    return max(known, math.ceil(least - 1e-6)) if least < math.inf else known
