"""`podium run` (set up and serve on SQLite), `podium serve` (just serve) and `podium openapi`."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import uvicorn
from sqlalchemy import make_url

from service import drafts
from service.db import migrate, repository
from service.db.engine import database_url, unit_of_work
from service.db.tokens import Role
from service.db.variants import add_variant
from service.operations import sessions, tokens
from service.sessionfile import load
from service.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DRAFT_NAME = "Podium draft"
WORKER_NICENESS = 19


def _serve(url: str | None, host: str, port: int, worker: bool = False) -> None:
    """Serve until stopped; with `worker`, a solve worker runs beside it meanwhile (the embedded setup needs no other)."""
    print(f"Podium API on http://{host}:{port}/sessions  (docs: http://{host}:{port}/docs, pages: http://{host}:{port}/ui)", flush=True)
    app = create_app(url)
    solver = _worker_process(app.state.engine.url.render_as_string(hide_password=False)) if worker else None
    if solver is not None:
        print(f"solve worker running beside the server, process {solver.pid} (--no-worker to leave jobs to `podium worker`)", flush=True)
    try:
        # Requests still open after 10 s of shutting down are dropped: a server asked to stop stops.
        uvicorn.run(app, host=host, port=port, timeout_graceful_shutdown=10)
    finally:
        if solver is not None:
            solver.terminate()  # a job being solved is left to its lease: the next worker retries it
            solver.wait(timeout=30)


def _worker_process(url: str) -> subprocess.Popen[bytes]:
    """`podium worker` in a process of its own at a lower priority: solving takes whole cores for seconds, and
    in the server's process it would hold the interpreter's lock from the requests; niced, it yields the cores to them."""
    command = ["worker", "--url", url, "--nice", str(WORKER_NICENESS), "--parent", str(os.getpid())]
    return subprocess.Popen([sys.executable, "-m", "service.cli", *command])


def _import_examples(url: str, base: str) -> None:
    """Import each example session that the database does not hold yet, with a drafted variant beside
    its published programme, and print where to see them."""
    with unit_of_work(url) as db:
        for path in sorted(EXAMPLES.glob("*.yaml")):
            loaded = load(path)
            s = loaded.session
            found = repository.find_session(db, s.names["en"], s.first_day)
            row = found or sessions.import_session(db, loaded)
            if found:
                print(f"has {path.name}: session {row.id}")
            else:
                draft = drafts.solve(s, drafts.params_of({}))
                add_variant(db, row.id, DRAFT_NAME, draft)
                print(f"imported {path.name}: session {row.id}; drafted {DRAFT_NAME!r}: {draft.status}, objective {draft.objective}")
            print(f"  pages {base}/ui/sessions/{row.id}  annex {base}/sessions/{row.id}/programme?format=html"
                  f"  feed {base}/sessions/{row.id}/feed.ics")


def _first_token(url: str) -> None:
    """On a database without a live secretariat token, create one and print it: the local setup is usable at once."""
    with unit_of_work(url) as db:
        if tokens.needs_first_token(db):
            row, token = tokens.create_token(db, Role.secretariat, "secretariat (podium run)")
            print(f"created secretariat token {row.id}; shown once, keep it (sign in at /ui/login, or send"
                  f" `Authorization: Bearer <token>`):\n{token}")


def _run(args: argparse.Namespace) -> int:
    url = database_url(args.url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(url)
    _import_examples(url, f"http://{args.host}:{args.port}")
    _first_token(url)
    _serve(url, args.host, args.port, worker=args.worker)
    return 0


def _serve_only(args: argparse.Namespace) -> int:
    _serve(args.url, args.host, args.port, worker=args.worker)
    return 0


def openapi_document() -> str:
    """The app's OpenAPI document as committed in openapi/openapi.json."""
    return json.dumps(create_app("sqlite://").openapi(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _openapi(args: argparse.Namespace) -> int:
    sys.stdout.write(openapi_document())
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="create and migrate the database, import the examples with a drafted variant, make a first secretariat token, serve the API")
    run.set_defaults(func=_run, worker=True)
    run.add_argument("--no-worker", dest="worker", action="store_false", help="run no solve worker beside the server (run `podium worker` instead)")
    serve = subparsers.add_parser("serve", help="serve the API on an already migrated database")
    serve.set_defaults(func=_serve_only, worker=False)
    serve.add_argument("--worker", dest="worker", action="store_true", help="also run a solve worker beside the server")
    for parser in (run, serve):
        parser.add_argument("--url", help="database URL (default: PODIUM_DATABASE_URL or sqlite:///var/podium.db)")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
    subparsers.add_parser("openapi", help="print the OpenAPI document").set_defaults(func=_openapi)
