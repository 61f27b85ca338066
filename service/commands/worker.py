"""`podium worker`: take solve jobs from the database and run them until stopped (SIGINT or SIGTERM)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading

from service.db.engine import make_engine, make_sessionmaker
from service.lifetime import end_with
from service.settings import settings
from service.worker import WorkerConfig, work


def _worker(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if args.nice:
        os.nice(args.nice)
    engine = make_engine(args.url)
    stop = threading.Event()
    # A job being solved when the signal comes is left to its lease: another worker retries it.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if args.parent:
        end_with(args.parent, stop.set)
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
    p.add_argument("--nice", type=int, default=0, choices=range(20), metavar="0-19",
                   help="lower this worker's priority by this much, so that a server on the same machine answers first (default 0)")
    p.add_argument("--parent", type=int, help="stop when the process with this id (the server that started this worker) ends")
    p.set_defaults(func=_worker)
