"""Isolation benchmark: readers of the public feed and annex while solve jobs wait and the workers run, then /health during a large import.

    .venv/bin/python bench/isolation.py [--readers 50] [--pace 0.5] [--jobs 40] [--seconds 10] [--workers 1] [--import-items 25000] [--url postgresql+psycopg://...]

Everything runs on 127.0.0.1: the API (`podium serve --worker`: the server and the worker process it
starts) and `--workers - 1` more `podium worker` processes (PostgreSQL only; SQLite runs one), on a
temporary SQLite file unless --url names an empty database. The jobs are queued through the API
(the deployment's job bounds raised to hold them). The readers run in an open loop: each request is
due `--pace` seconds after the reader's last was due, and its latency counts from then, so a stall
shows in full. Prints p50/p99 latency and errors of each phase; the target is a p99 under 100 ms and
no error. On 2 cores the readers share the machine with the server: at `--pace 0.1` (500 requests
a second) this Python client and the server saturate it, and the latency is the queue's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
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
from service.db import tokens  # noqa: E402
from service.db.engine import make_engine, make_sessionmaker, transaction  # noqa: E402
from service.db.migrate import upgrade  # noqa: E402
from service.db.tokens import Role  # noqa: E402
from service.operations.sessions import import_session  # noqa: E402
from service.sessionfile import export, load  # noqa: E402

MAX_READERS, MAX_JOBS, MAX_SECONDS, MAX_WORKERS, MAX_ITEMS = 500, 200, 120, 8, 50_000


def _prepare(url: str) -> tuple[int, str]:
    """A published session for the readers, and a secretariat token to queue jobs and import with."""
    upgrade(url)
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine)) as db:
        published = import_session(db, load(ROOT / "examples" / "cop10-2020.yaml")).id
        _, secret = tokens.create(db, Role.secretariat, "bench")
    engine.dispose()
    return published, secret


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _read(client: httpx.AsyncClient, paths: list[str], stop: dict[str, float], latencies: list[float], errors: list[str],
                pace: float) -> None:
    n = 0
    due = time.perf_counter() + random.uniform(0, pace)  # readers spread over the first interval
    while time.monotonic() < stop["at"]:
        # Open loop: each request is due `pace` after the last was due, however long that one took; its latency
        # counts from when it was due, so a stall shows in full (no coordinated omission).
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        start = due
        due += pace
        try:
            response = await client.get(paths[n % len(paths)])
            if response.status_code != 200:
                errors.append(f"HTTP {response.status_code} {paths[n % len(paths)]}")
        except httpx.HTTPError as e:
            errors.append(type(e).__name__)
        latencies.append(time.perf_counter() - start)
        n += 1


async def _readers(base: str, paths: list[str], readers: int, seconds: float, pace: float, during=None) -> tuple[list[float], list[str], float]:  # type: ignore[no-untyped-def]
    """`readers` keep-alive clients reading `paths` in turn, each once every `pace` seconds, for `seconds` (or until `during`, run alongside, ends)."""
    latencies: list[float] = []
    errors: list[str] = []
    stop = {"at": time.monotonic() + seconds}
    took = 0.0
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=readers)) as client:
        tasks = [asyncio.create_task(_read(client, paths, stop, latencies, errors, pace)) for _ in range(readers)]
        if during is not None:
            start = time.perf_counter()
            await during
            took = time.perf_counter() - start
            stop["at"] = time.monotonic()  # the readers stop with it
        await asyncio.gather(*tasks)
    return latencies, errors, took


def _report(what: str, latencies: list[float], errors: list[str], seconds: float) -> None:
    ms = sorted(x * 1000 for x in latencies) or [0.0]
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    verdict = "ok" if p99 < 100 and not errors else "OVER TARGET"
    print(f"  {what}: requests {len(latencies)} ({len(latencies) / max(seconds, 0.001):.0f}/s)  errors {len(errors)}"
          f"  p50 {statistics.median(ms):.1f} ms  p99 {p99:.1f} ms  [{verdict}]")
    if errors:
        print(f"    first errors: {', '.join(errors[:5])}")


def _wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("gave up waiting for the API")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=50, help=f"concurrent readers (at most {MAX_READERS})")
    parser.add_argument("--jobs", type=int, default=40, help=f"solve jobs queued (at most {MAX_JOBS})")
    parser.add_argument("--seconds", type=float, default=10.0, help=f"how long the readers read (at most {MAX_SECONDS})")
    parser.add_argument("--workers", type=int, default=1, help=f"workers in all, the API's own thread included (at most {MAX_WORKERS})")
    parser.add_argument("--import-items", type=int, default=25_000, help=f"items of the session imported in the second phase (at most {MAX_ITEMS}; 0: none)")
    parser.add_argument("--pace", type=float, default=0.5, help="seconds between one reader's requests (default 0.5: 50 readers ask 100 a second)")
    parser.add_argument("--url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    readers, jobs_queued = min(max(1, args.readers), MAX_READERS), min(max(1, args.jobs), MAX_JOBS)
    seconds, items = min(max(1.0, args.seconds), MAX_SECONDS), min(max(0, args.import_items), MAX_ITEMS)
    pace = min(max(0.01, args.pace), 10.0)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{tmp}/isolation.db"
        workers = min(max(1, args.workers), MAX_WORKERS) if not url.startswith("sqlite") else 1
        session_id, secret = _prepare(url)
        port = _free_port()
        env = {**os.environ, "PODIUM_DATABASE_URL": url, "PODIUM_MAX_JOBS": str(MAX_JOBS), "PODIUM_MAX_JOBS_PER_SESSION": str(MAX_JOBS),
               "PODIUM_MAX_ITEMS": str(MAX_ITEMS), "PODIUM_MAX_BODY_BYTES": str(64 * 1024 * 1024), "PODIUM_MAX_DAYS": "400"}
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        processes = [subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--worker", "--host", "127.0.0.1", "--port", str(port)],
                                      cwd=ROOT, env=env, **quiet)]
        processes += [subprocess.Popen([sys.executable, "-m", "service.cli", "worker"], cwd=ROOT, env=env, **quiet) for _ in range(workers - 1)]
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_up(f"{base}/health")
            auth = {"authorization": f"Bearer {secret}"}
            for n in range(jobs_queued):
                response = httpx.post(f"{base}/sessions/{session_id}/variants", headers=auth, json={"name": f"bench {n}", "params": {"time_limit": 3, "seed": n}})
                if response.status_code != 202:
                    raise SystemExit(f"queueing job {n}: HTTP {response.status_code} {response.text}")
            paths = [f"/sessions/{session_id}/feed.ics", f"/sessions/{session_id}/programme?format=html", f"/ui/sessions/{session_id}/annex"]
            for path in paths:  # rendered once: the readers measure serving
                httpx.get(base + path).raise_for_status()
            print(f"{readers} readers of the feed and annex, each every {pace:g} s, for {seconds:g} s on {url.split(':')[0]}, {jobs_queued} solve jobs queued, {workers} worker(s)")
            latencies, errors, _ = asyncio.run(_readers(base, paths, readers, seconds, pace))
            _report("feed and annex while solving", latencies, errors, seconds)
            if items:
                file = export(generated_session(weeks=4, bodies=8, items=items))
                body = json.dumps(file, default=str).encode()

                async def imported() -> None:
                    async with httpx.AsyncClient(timeout=600) as client:
                        response = await client.post(f"{base}/sessions/import", content=body, headers={**auth, "content-type": "application/json"})
                        print(f"  import of {items} items ({len(body) / 1e6:.2f} MB): HTTP {response.status_code}")

                latencies, errors, took = asyncio.run(_readers(base, ["/health"], readers, MAX_SECONDS, pace, imported()))
                _report(f"/health during the import ({took:.1f} s)", latencies, errors, took)
        finally:
            for process in processes:
                process.terminate()
                process.wait()


if __name__ == "__main__":
    main()
