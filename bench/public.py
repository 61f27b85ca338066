"""Public renderings benchmark: requests/s of the HTML annex, its annex page and the feed of a 300-meeting session beside a trivial route, in one run.

    .venv/bin/python bench/public.py [--seconds 3] [--threads 4]

Target (issue 11): the HTML annex at 80% or more of the trivial route's rate; the feed where
bench/feeds.py has it, about twice the database-backed `/health`. The server runs in its own process (uvicorn, one worker, 127.0.0.1 only) so
that the load does not share its GIL; each route is loaded for a bounded time, in interleaved rounds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.feeds import _prepare_database, _rate, bench_server, bench_session, print_rates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="load per route and round")
    parser.add_argument("--threads", type=int, default=4, help="concurrent keep-alive clients")
    args = parser.parse_args()

    session, programmes = bench_session()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        session_id = _prepare_database(url, session, programmes)
        with bench_server(url, 4) as base:
            routes = {
                "trivial": f"{base}/bench/ping",
                "HTML annex": f"{base}/sessions/{session_id}/programme?format=html",
                "annex page": f"{base}/ui/sessions/{session_id}/annex",
                "feed": f"{base}/sessions/{session_id}/feed.ics",
                "version list": f"{base}/sessions/{session_id}/versions",
                "/health": f"{base}/health",
            }
            started = time.perf_counter()
            answers = {name: httpx.get(route, timeout=60) for name, route in routes.items()}  # renders each once
            first = time.perf_counter() - started
            rates: dict[str, list[float]] = {name: [] for name in routes}
            for _ in range(2):  # interleaved rounds: drift in the machine's load hits every route alike
                for name, route in routes.items():
                    rates[name].append(_rate(route, args.seconds, args.threads, {}, 200))
    print(f"session of {len(programmes[0].meetings)} meetings, {len(programmes)} versions; first requests (rendering) {first:.2f} s")
    print_rates(rates, args, {name: f"{len(a.content)} bytes, {a.num_bytes_downloaded} sent" for name, a in answers.items()})
    print("  (targets: HTML annex >= 80% of trivial; feed about 2x /health)")


if __name__ == "__main__":
    main()
