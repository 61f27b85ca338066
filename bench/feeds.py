"""Feed benchmark: render time of a 4-week, 300-meeting feed; requests/s of a feed against a trivial endpoint.

    .venv/bin/python bench/feeds.py [--seconds 3]

Targets (issue 5): render under 50 ms; the feed served at 80% or more of the trivial endpoint's rate.
The server runs in its own process (uvicorn, one worker) so that the load does not share its GIL.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.exports.calendar import render  # noqa: E402
from service.published import PublishedVersion  # noqa: E402
from solver.problem import AgendaItem, Body, Document, Room, Session, Slot  # noqa: E402
from solver.programme import ItemTake, Meeting, Programme, mark_continued  # noqa: E402

PUBLISHED = dt.datetime(2025, 2, 10, 9, 0, tzinfo=dt.UTC)


def bench_session() -> tuple[Session, list[Programme]]:
    """Four weeks, five bodies in five rooms, three slots a day: 300 meetings; version 2 moves 10, drops 5."""
    keys = ["plenary", "wg1", "wg2", "wg3", "wg4"]
    session = Session(
        names={"en": "Benchmark session, four weeks", "zh": "基准会议，四周"},
        timezone="Europe/Vienna",
        first_day=dt.date(2025, 2, 24),
        last_day=dt.date(2025, 3, 21),
        slots=tuple(Slot(dt.time(h), dt.time(h + 3)) for h in (9, 12, 15)),
        bodies=tuple(Body(k, {"en": f"Body {k}", "zh": f"机构 {k}"}) for k in keys),
        agenda=tuple(
            AgendaItem(
                k, str(n + 1), 30 * b + n,
                {"en": f"Item {n + 1}: review of international cooperation and technical assistance", "zh": f"议程项目 {n + 1}：审议国际合作与技术援助问题"},
                minutes=180, documents=(Document(f"X/{k.upper()}/2025/{n + 1}"),),
            )
            for b, k in enumerate(keys)
            for n in range(30)
        ),
        venue="Vienna",
        rooms=tuple(Room(f"R{n}", f"Conference room {n}") for n in range(1, 6)),
    )
    meetings = []
    for d, day in enumerate(session.days()):
        for s, slot in enumerate(session.slots_on(day)):
            for n, key in enumerate(keys):
                first = (d * 3 + s) // 2 % 30  # each item taken in two meetings: the second is "continued"
                takes = (ItemTake(key, str(first + 1)),)
                meetings.append(Meeting(day, slot.start, (key,), takes, f"R{n + 1}"))
    first = mark_continued(session, Programme(tuple(meetings)))
    saturday = session.last_day + dt.timedelta(days=1)  # free: moved meetings go there
    second = [dataclasses.replace(m, date=saturday) if n < 10 else m for n, m in enumerate(first.meetings) if not 290 <= n < 295]
    return session, [first, mark_continued(session, Programme(tuple(second)))]


def render_ms(session: Session, versions: list[PublishedVersion], lang: str, runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render(session, versions, lang=lang)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bench_app():  # type: ignore[no-untyped-def]
    """The service's app with trivial endpoints added (uvicorn factory, reads BENCH_DATABASE_URL)."""
    from fastapi.responses import PlainTextResponse, Response

    from service.web.app import create_app

    app = create_app(os.environ["BENCH_DATABASE_URL"])
    body = b"x" * int(os.environ["BENCH_STATIC_BYTES"])

    @app.get("/bench/ping")
    async def ping() -> PlainTextResponse:
        return PlainTextResponse("pong")

    @app.get("/bench/static")
    async def static() -> Response:  # as many bytes as the feed: what the transfer alone costs
        return Response(body, media_type="text/calendar")

    return app


def _prepare_database(url: str, session: Session, programmes: list[Programme]) -> int:
    from service.db.engine import make_engine, make_sessionmaker, transaction
    from service.db.migrate import upgrade
    from service.db.repository import add_session
    from service.published import publish

    upgrade(url)
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine)) as db:
        row = add_session(db, session)
        for programme in programmes:
            publish(db, row.id, session, programme)
        session_id = row.id
    engine.dispose()
    return session_id


def _rate(url: str, seconds: float, threads: int, headers: dict[str, str], status: int) -> float:
    """Requests per second from `threads` keep-alive clients hitting `url` for `seconds`."""
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def hammer(n: int) -> None:
        with httpx.Client(headers=headers) as client:
            while time.perf_counter() < stop:
                # The bytes as sent, not decompressed: the client shares the machine's cores with the server.
                with client.stream("GET", url) as response:
                    assert response.status_code == status, response.status_code
                    for _ in response.iter_raw():
                        pass
                counts[n] += 1

    workers = [threading.Thread(target=hammer, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def bench_server(url: str, static_bytes: int) -> Iterator[str]:
    """`bench_app` on `url` in a uvicorn process of its own (127.0.0.1 only), once it answers; its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.feeds:bench_app", "--factory", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "BENCH_DATABASE_URL": url, "BENCH_STATIC_BYTES": str(static_bytes)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/bench/ping")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait()


def print_rates(rates: dict[str, list[float]], args: argparse.Namespace, notes: dict[str, str] | None = None) -> None:
    """Each route's mean rate over the rounds, and its share of the trivial route's."""
    trivial = statistics.mean(rates["trivial"])
    print(f"requests/s, {args.threads} keep-alive clients, {args.seconds:g} s x 2 rounds, one uvicorn worker:")
    width = max(len(name) for name in rates)
    for name, values in rates.items():
        rate = statistics.mean(values)
        print(f"  {name:{width}} {rate:8.0f}/s  {rate / trivial:4.0%} of trivial" + (f"  ({notes[name]})" if notes and name in notes else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="load per endpoint and round")
    parser.add_argument("--threads", type=int, default=4, help="concurrent keep-alive clients")
    args = parser.parse_args()

    session, programmes = bench_session()
    versions = [PublishedVersion(n + 1, PUBLISHED + dt.timedelta(days=7 * n), p, session) for n, p in enumerate(programmes)]
    size = len(render(session, versions))
    print(f"feed of {len(programmes[0].meetings)} meetings over 4 weeks, 2 versions, {size} bytes")
    for lang in ("en", "zh"):
        print(f"  render ({lang}): {render_ms(session, versions, lang):.1f} ms median of 30 (target < 50 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        session_id = _prepare_database(url, session, programmes)
        with bench_server(url, size) as base:
            feed = f"{base}/sessions/{session_id}/feed.ics"
            etag = httpx.get(feed).headers["etag"]  # also renders the feed into the cache
            rates: dict[str, list[float]] = {"trivial": [], "static": [], "feed": [], "feed 304": []}
            for _ in range(2):  # interleaved rounds: drift in the machine's load hits every endpoint alike
                rates["trivial"].append(_rate(f"{base}/bench/ping", args.seconds, args.threads, {}, 200))
                rates["static"].append(_rate(f"{base}/bench/static", args.seconds, args.threads, {}, 200))
                rates["feed"].append(_rate(feed, args.seconds, args.threads, {}, 200))
                rates["feed 304"].append(_rate(feed, args.seconds, args.threads, {"If-None-Match": etag}, 304))
    print_rates(rates, args)
    print("  (trivial: a 4-byte answer; static: as many bytes as the feed, from memory; target: feed >= 80% of trivial)")


if __name__ == "__main__":
    main()
