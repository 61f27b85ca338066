"""Load benchmark: many concurrent feed readers while a worker runs a solve job; p50/p99 latency and errors.

    .venv/bin/python bench/load.py [--readers 50] [--seconds 10] [--url postgresql+psycopg://...]

The API (uvicorn, one process) and `podium worker` run as subprocesses on 127.0.0.1 and share one
database (a temporary SQLite file unless --url names another, which must be empty). The readers are
asyncio tasks on keep-alive httpx clients, each fetching the published feed of CTOC/COP/2020/1 in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sessions import generated_session  # noqa: E402
from service.db import jobs, repository, variants  # noqa: E402
from service.db.engine import make_engine, make_sessionmaker, transaction  # noqa: E402
from service.db.migrate import upgrade  # noqa: E402
from service.db.models import SolveJobRow  # noqa: E402
from service.drafts import Draft, VariantParams  # noqa: E402
from service.operations.sessions import import_session  # noqa: E402
from service.sessionfile import load  # noqa: E402

MAX_READERS, MAX_SECONDS = 500, 120


def _prepare(url: str, time_limit: float) -> tuple[int, int]:
    """A published session to read feeds of, and a queued solve job on a large generated session."""
    upgrade(url)
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine)) as db:
        published = import_session(db, load(ROOT / "examples" / "cop10-2020.yaml"))  # its programme is version 1
        large = repository.add_session(db, generated_session(weeks=3, bodies=4, items=120))
        params = VariantParams(time_limit=time_limit)
        variant = variants.add_variant(db, large.id, "load", Draft(params, None, "unknown"))
        job = jobs.enqueue(db, large.id, variant.id, params.dump(), replan=False, max_attempts=1)
        ids = published.id, job.id
    engine.dispose()
    return ids


def _job(url: str, job_id: int) -> SolveJobRow:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as db:
            return db.get(SolveJobRow, job_id)
    finally:
        engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _read(feed: str, deadline: float, latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                response = await client.get(feed)
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}")
            except httpx.HTTPError as e:
                errors.append(type(e).__name__)
            latencies.append(time.perf_counter() - start)


async def _load(feed: str, readers: int, seconds: float) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_read(feed, deadline, latencies, errors) for _ in range(readers)))
    return latencies, errors


def _wait(condition, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(0.1)


def _up(url: str) -> bool:
    try:
        return httpx.get(url).status_code == 200
    except httpx.TransportError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50, help=f"concurrent feed readers (at most {MAX_READERS})")
    parser.add_argument("--seconds", type=float, default=10.0, help=f"how long they read (at most {MAX_SECONDS})")
    parser.add_argument("--url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    readers, seconds = min(max(1, args.readers), MAX_READERS), min(max(1.0, args.seconds), MAX_SECONDS)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{tmp}/load.db"
        session_id, job_id = _prepare(url, time_limit=seconds + 30)  # still solving when the readers stop
        port = _free_port()
        env = {**os.environ, "PODIUM_DATABASE_URL": url}
        api = subprocess.Popen([sys.executable, "-m", "uvicorn", "service.web.app:create_app", "--factory", "--host", "127.0.0.1",
                                "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env)
        worker = subprocess.Popen([sys.executable, "-m", "service.cli", "worker"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(lambda: _up(f"{base}/health"), "the API")
            _wait(lambda: _job(url, job_id).state == "running", "the worker to take the solve job")
            feed = f"{base}/sessions/{session_id}/feed.ics"
            httpx.get(feed).raise_for_status()  # rendered once into the cache: the readers measure serving
            latencies, errors = asyncio.run(_load(feed, readers, seconds))
            job = _job(url, job_id)
        finally:
            for process in (api, worker):
                process.terminate()
                process.wait()
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    print(f"{readers} feed readers for {seconds:g} s on {url.split(':')[0]}, one API process, one worker solving")
    print(f"  requests {len(ms)} ({len(ms) / seconds:.0f}/s)  errors {len(errors)}  p50 {statistics.median(ms):.1f} ms  p99 {p99:.1f} ms")
    if errors:
        print(f"  first errors: {', '.join(errors[:5])}")
    print(f"  solve job during the load: {job.state}, {job.solutions} improving solutions, best objective {job.objective}")


if __name__ == "__main__":
    main()
