"""Planner benchmark at scale (issue 16): recipe sessions by size and seed, each limit in a fresh process.

For each session and time limit: time to the first feasible programme, objective, bound and gap
when the limit ends the solve, wall time and peak memory. Usage:
python bench/scale.py [--sizes 300,600] [--seeds 0,1,2] [--limits 10,60,300] [--fast] [--short] [--slower F]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.recipe import SIZES, add_session_arguments, recipe_session  # noqa: E402
from solver import PlanOptions, check, plan  # noqa: E402
from solver.grid import build_grid  # noqa: E402
from solver.model import PlanModel  # noqa: E402
from solver.search import WORK_PER_SECOND, solver_for  # noqa: E402

# Work of the speed reading: a few seconds of one core, long enough for CP-SAT's count to settle.
READING_WORK = 3.0


def _run(size: str, seed: int, limit: float, deterministic: bool, slower: float, out) -> None:
    session = recipe_session(*SIZES[size], seed=seed)
    started = time.monotonic()
    first: list[float] = []
    # On a machine `slower` times slower than the one WORK_PER_SECOND was set on, the same work in
    # as many times the wall seconds: the answer the limit gives there, not a clock cut.
    result = plan(session, PlanOptions(time_limit=limit * slower, work_limit=WORK_PER_SECOND * limit, deterministic=deterministic,
                                       progress=lambda p: first.append(p.elapsed) if not first else None))
    elapsed = time.monotonic() - started
    out.send({
        "status": result.status,
        "first": first[0] if first else None,
        "elapsed": elapsed,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "clean": result.programme is not None and not check(session, result.programme),
        "deterministic": result.deterministic,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    })


def speed() -> float:
    """Deterministic seconds per wall second that one core of this machine counts on the whole
    model of the 300-item session (seed 0), read the same way on every run: figures by the clock
    from two machines, or two days of a shared one, compare only beside it."""
    pm = PlanModel(build_grid(recipe_session(*SIZES["300"], seed=0)))
    solver = solver_for(PlanOptions(time_limit=60 * READING_WORK, workers=1), work=READING_WORK)
    started = time.monotonic()
    solver.solve(pm.model)
    return solver.deterministic_time / (time.monotonic() - started)


def measure(size: str, seed: int, limit: float, deterministic: bool, slower: float = 1.0) -> dict:
    """One solve in a fresh process, so that its peak memory is its own."""
    receive, send = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("spawn").Process(target=_run, args=(size, seed, limit, deterministic, slower, send))
    proc.start()
    figures = receive.recv()
    proc.join()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_session_arguments(parser, "300,600", "10,60,300", "wall seconds, each in a fresh process")
    parser.add_argument("--fast", action="store_true", help="search by the clock (PlanOptions(deterministic=False))")
    parser.add_argument("--short", action="store_true", help="a quick look: seed 0, limits 10 and 30")
    parser.add_argument("--slower", type=float, default=1.0,
                        help="by its work on a machine this many times slower: the limit's work in as many times its seconds")
    args = parser.parse_args()
    seeds, limits = ([0], [10.0, 30.0]) if args.short else (
        [int(s) for s in args.seeds.split(",")], [float(x) for x in args.limits.split(",")])
    mode = "wall clock (--fast)" if args.fast else "deterministic (same answer)"
    if args.slower != 1.0:
        mode += f", each limit's work in {args.slower:g} times its seconds"
    print(f"planner at scale: {mode}, 2 workers; this machine counts {speed():.2f} deterministic s per s on one core "
          f"(the work budget is {WORK_PER_SECOND:g} a second)")
    print(f"{'session':<16}{'limit':>6}{'status':>10}{'first s':>9}{'total s':>9}{'objective':>11}{'bound':>9}{'gap':>8}"
          f"{'clean':>7}{'same':>6}{'peak MiB':>10}", flush=True)
    for size in args.sizes.split(","):
        for seed in seeds:
            for limit in limits:
                r = measure(size, seed, limit, not args.fast, args.slower)
                gap = f"{100 * r['gap']:.1f}%" if r["gap"] is not None else "-"
                first = f"{r['first']:.2f}" if r["first"] is not None else "-"
                print(f"{size + ' seed ' + str(seed):<16}{limit:>6.0f}{r['status']:>10}{first:>9}{r['elapsed']:>9.2f}"
                      f"{r['objective'] if r['objective'] is not None else '-':>11}{r['bound'] if r['bound'] is not None else '-':>9}"
                      f"{gap:>8}{'yes' if r['clean'] else 'NO':>7}{'yes' if r['deterministic'] else 'no':>6}{r['peak_mib']:>10.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
