"""Planner benchmark: generated sessions up to Human Rights Council size; prints figures.

For each size: time to the first feasible programme, time to a proven optimum or the gap at
the limit, peak memory of the solve (in a fresh process), and the hand-made (greedy) table's
objective against the planner's. Usage: python bench/solver.py [--time-limit 60] [--fast]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sessions import generated_session  # noqa: E402
from service.sessionfile import load  # noqa: E402
from solver import PlanOptions, evaluate, plan  # noqa: E402
from solver.extract import programme_from_values  # noqa: E402
from solver.greedy import greedy_fill  # noqa: E402
from solver.grid import build_grid  # noqa: E402

SIZES = [(1, 1, 20), (2, 2, 60), (2, 4, 120), (3, 5, 200), (4, 6, 300)]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _session(spec):
    if isinstance(spec, str):
        return load(EXAMPLES / spec).session
    return generated_session(*spec)


def _run(spec, time_limit: float, deterministic: bool, out) -> None:
    session = _session(spec)
    started = time.monotonic()
    first: list[float] = []
    result = plan(session, PlanOptions(time_limit=time_limit, deterministic=deterministic,
                                       progress=lambda p: first.append(p.elapsed) if not first else None))
    elapsed = time.monotonic() - started
    grid = build_grid(session)
    hand = greedy_fill(grid)
    greedy = evaluate(session, programme_from_values(grid, hand)).objective if hand else None
    out.send({
        "status": result.status,
        "first": first[0] if first else None,
        "elapsed": elapsed,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "greedy": greedy,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "variables": result.stats.get("variables"),
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--fast", action="store_true", help="parallel portfolio instead of the deterministic search")
    parser.add_argument("--only", type=int, help="run only the N first sizes")
    args = parser.parse_args()
    specs = ["cop10-2020.yaml", "wg2-wg3-2022.yaml"] + SIZES[: args.only]
    mode = "parallel portfolio" if args.fast else "deterministic (interleaved) search"
    print(f"planner benchmark: {mode}, limit {args.time_limit:.0f} s, 2 workers")
    header = f"{'session':<22}{'vars':>7}{'status':>10}{'first s':>9}{'total s':>9}{'objective':>11}{'bound':>9}{'gap':>8}{'greedy':>9}{'greedy/obj':>11}{'peak MiB':>10}"
    print(header)
    for spec in specs:
        receive, send = multiprocessing.Pipe(duplex=False)
        proc = multiprocessing.get_context("spawn").Process(target=_run, args=(spec, args.time_limit, not args.fast, send))
        proc.start()
        r = receive.recv()
        proc.join()
        name = spec if isinstance(spec, str) else f"{spec[0]}w/{spec[1]}b/{spec[2]}i"
        ratio = f"{r['greedy'] / r['objective']:.2f}" if r["greedy"] and r["objective"] else "-"
        gap = f"{100 * r['gap']:.1f}%" if r["gap"] is not None else "-"
        first = f"{r['first']:.2f}" if r["first"] is not None else "-"
        print(f"{name:<22}{r['variables'] or 0:>7}{r['status']:>10}{first:>9}{r['elapsed']:>9.2f}"
              f"{r['objective'] if r['objective'] is not None else '-':>11}{r['bound'] if r['bound'] is not None else '-':>9}"
              f"{gap:>8}{r['greedy'] if r['greedy'] is not None else '-':>9}{ratio:>11}{r['peak_mib']:>10.0f}")


if __name__ == "__main__":
    main()
