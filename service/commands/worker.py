"""`podium worker`: take solve jobs from the database and run them until stopped (SIGINT or SIGTERM)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from service.db.engine import make_engine, make_sessionmaker
from service.settings import settings
from service.worker import WorkerConfig, work


def _worker(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    engine = make_engine(args.url)
    stop = threading.Event()
    # A job being solved when the signal comes is left to its lease: another worker retries it.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        work(make_sessionmaker(engine), WorkerConfig(lease=args.lease, poll=args.poll), stop)
    finally:
        engine.dispose()
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("worker", help="run queued solve jobs (one at a time; start several on PostgreSQL)")
    p.add_argument("--url", help="database URL (default: PODIUM_DATABASE_URL or sqlite:///var/podium.db)")
    p.add_argument("--lease", type=float, default=settings().worker_lease,
                   help="seconds a job stays this worker's without a heartbeat (default: PODIUM_WORKER_LEASE or 30)")
    p.add_argument("--poll", type=float, default=1.0, help="seconds between looks at an empty queue (default 1)")
    p.set_defaults(func=_worker)
