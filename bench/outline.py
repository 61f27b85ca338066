"""The outline alone (issue 16): the bound thread's bound and answer at a limit, the answer followed, body by body.

What the planner's bound thread (solver.beside) does within a solve of `limit` seconds, by its work
and without the rest of the solve: the outline's lower-bound search, then its answer followed
through one table (solver.outline.follow), without the neighbourhoods after. For each session it
prints the bound, the answer's score and the programme it gives with its terms, and per body the
answer's meetings, body gaps and splits beside the programme's, so that where a programme loses
against the answer it follows can be read off. Usage:
python bench/outline.py [--sizes 300] [--seeds 0,1,2] [--limits 60] [--search-seeds 0]

With `--by-finish LO-HI` it prints instead the outline solved for each finish from LO to HI on its
own, and for the finishes below and above as two more cases, each with `--case-work` deterministic
seconds: the least of the cases' bounds is a bound of the session, and once every case is proved,
the least optimum is the outline's, the highest bound any search of the outline can give. A case
near the optimum's finish often proves far sooner than the outline whole (its `open` slots are
fixed, which the linear relaxation otherwise spreads in fractions), so this shows how much of a
seed's gap a better bound could close and how much only a better programme can:
python bench/outline.py --seeds 4 --by-finish 41-47
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.recipe import SIZES, add_session_arguments, recipe_session  # noqa: E402
from solver.beside import FOLLOW_SHARE, bound_solver, bound_work  # noqa: E402
from solver.grid import Grid, build_grid  # noqa: E402
from solver.model import PlanModel  # noqa: E402
from solver.outline import Outline, Sketch, answer, follow  # noqa: E402
from solver.search import WORK_PER_SECOND, Budget, PlanOptions, breakdown_of, minutes_taken  # noqa: E402


def body_figures(slots: list[int], splits: int) -> str:
    """Meetings, body gaps, splits and last slot of one body."""
    span = slots[-1] - slots[0] + 1 if slots else 0
    last = slots[-1] if slots else "-"
    return f"{len(slots):>5}{span - len(slots):>6}{splits:>7}{last:>6}"


def programme_splits(g: Grid, meetings: Counter[int], body: str) -> int:
    """Meetings beyond the first of each item on the body's line, joint items' too (as the outline's line counts them)."""
    return sum(meetings.get(task.index, 1) - 1 for task in g.sequence[body])


def measure(size: str, seed: int, limit: float, search_seed: int) -> None:
    options = PlanOptions(seed=search_seed, time_limit=10 * limit, workers=1)
    pm = PlanModel(build_grid(recipe_session(*SIZES[size], seed=seed)), options.weights)
    g, outline = pm.grid, Outline(pm, strong=True)
    solver = bound_solver(options, 10 * limit, bound_work(WORK_PER_SECOND * limit))
    started = time.monotonic()
    status = solver.solve(outline.model)
    bound = math.ceil(solver.best_objective_bound - 1e-6)
    slots = answer(outline, solver, status)
    found = f"{solver.status_name(status).lower()} answer {solver.objective_value:.0f}" if slots is not None else "no answer"
    print(f"{size} seed {seed}, limit {limit:g} s, search seed {search_seed}: bound {bound}, {found} in "
          f"{solver.deterministic_time:.1f} deterministic s ({time.monotonic() - started:.1f} s)", flush=True)
    if slots is None:
        return
    following = Budget(PlanOptions(seed=search_seed, time_limit=10 * limit, workers=1,
                                   work_limit=FOLLOW_SHARE * WORK_PER_SECOND * limit), time.monotonic())
    followed = follow(pm, Sketch(bound, slots), following, tables=1)
    if followed is None:
        print("  followed: no programme", flush=True)
        return
    terms = ", ".join(f"{term} {figures['value']}" for term, figures in breakdown_of(pm, followed.value).items() if figures["value"])
    print(f"  followed: {followed.objective} ({terms}) in {following.work_spent:.1f} deterministic s")
    taken = minutes_taken(pm, followed.value)
    meetings = Counter(task for (task, _), minutes in taken.items() if minutes)  # per item, once for every body
    print(f"  {'body':<9}{'answer: meets':>13}{'gaps':>6}{'splits':>7}{'last':>6}   {'programme: meets':>16}{'gaps':>6}"
          f"{'splits':>7}{'last':>6}{'shared':>8}")
    for body in g.sequence:
        held = sorted(slots.get(body, ()))
        used = sorted({s for (task, s), minutes in taken.items() if minutes and body in g.tasks[task].bodies})
        splits = solver.value(outline.line_splits[body]) if body in outline.line_splits else 0
        print(f"  {body:<9}{body_figures(held, splits):>32}   {body_figures(used, programme_splits(g, meetings, body)):>35}"
              f"{len(set(held) & set(used)):>8}", flush=True)


@dataclass(frozen=True)
class Case:
    """The outline kept to programmes that end from `lo` to `hi` (slots up to the last one used)."""

    lo: int
    hi: int
    status: str
    bound: float  # infinite where no programme ends there
    answer: int | None


def by_finish(pm: PlanModel, lo: int, hi: int, work: float, search_seed: int = 0) -> list[Case]:
    """The outline solved by its lower-bound search for each finish from `lo` to `hi`, and for the
    finishes below and above them, with `work` deterministic seconds each."""
    n = len(pm.grid.slots)
    ranges = [(0, lo - 1)] + [(f, f) for f in range(lo, hi + 1)] + [(hi + 1, n)]
    cases = []
    for a, b in ranges:
        if a > b:
            continue
        outline = Outline(pm, strong=True)
        outline.end_within(a, b)
        solver = bound_solver(PlanOptions(seed=search_seed, workers=1, time_limit=100 * work), 100 * work, work)
        status = solver.solve(outline.model)
        answered = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        bound = math.inf if status == cp_model.INFEASIBLE else math.ceil(solver.best_objective_bound - 1e-6)
        cases.append(Case(a, b, solver.status_name(status).lower(), bound, round(solver.objective_value) if answered else None))
    return cases


def measure_by_finish(size: str, seed: int, lo: int, hi: int, work: float, search_seed: int) -> None:
    pm = PlanModel(build_grid(recipe_session(*SIZES[size], seed=seed)))
    cases = by_finish(pm, lo, hi, work, search_seed)
    for case in cases:
        answer = case.answer if case.answer is not None else "-"
        print(f"{size} seed {seed}, finish {case.lo}-{case.hi}: {case.status}, bound {case.bound}, answer {answer}", flush=True)
    least = min(cases, key=lambda case: case.bound)
    # An answer at the least bound, in whichever case, is the outline's optimum.
    proved = "proved: the outline's optimum" if any(case.answer == least.bound for case in cases) else "not proved"
    print(f"{size} seed {seed}: least bound {least.bound} (finish {least.lo}-{least.hi}), {proved}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_session_arguments(parser, "300", "60", "the solve's seconds whose work the bound thread is given")
    parser.add_argument("--search-seeds", default="0", help="CP-SAT's seeds for the lower-bound search (PlanOptions.seed)")
    parser.add_argument("--by-finish", help="LO-HI: the outline solved for each finish from LO to HI instead")
    parser.add_argument("--case-work", type=float, default=40.0, help="deterministic seconds for each finish's case")
    args = parser.parse_args()
    for size in args.sizes.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            if args.by_finish:
                lo, hi = (int(x) for x in args.by_finish.split("-"))
                for search_seed in (int(s) for s in args.search_seeds.split(",")):
                    measure_by_finish(size, seed, lo, hi, args.case_work, search_seed)
                continue
            for limit in (float(x) for x in args.limits.split(",")):
                for search_seed in (int(s) for s in args.search_seeds.split(",")):
                    measure(size, seed, limit, search_seed)


if __name__ == "__main__":
    main()
