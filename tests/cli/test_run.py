"""`podium run` sets up a usable local service: examples imported, each with a drafted variant, and a worker beside the server."""

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from service import published
from service.cli import build_parser
from service.commands import server
from service.commands.server import DRAFT_NAME, _import_examples
from service.db import migrate
from service.db.engine import unit_of_work
from service.db.tokens import Role
from service.db.variants import draft, named
from tests.helpers import ROOT
from tests.helpers.apiclient import bearer, import_example
from tests.helpers.jobcases import wait_for


def test_run_imports_each_example_once_with_a_drafted_variant(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    migrate.upgrade(url)
    _import_examples(url, "http://127.0.0.1:8000")
    _import_examples(url, "http://127.0.0.1:8000")
    out = capsys.readouterr().out
    assert out.count("imported ") == 2 and out.count("has ") == 2
    assert "feed http://127.0.0.1:8000/sessions/1/feed.ics" in out
    with unit_of_work(url) as db:
        for session_id in (1, 2):
            assert published.latest(db, session_id) is not None
            assert draft(named(db, session_id, DRAFT_NAME)).status == "optimal"


def test_run_solves_jobs_in_its_own_process_unless_told_not_to(tmp_path, monkeypatch):
    assert build_parser().parse_args(["run"]).worker and not build_parser().parse_args(["run", "--no-worker"]).worker
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    migrate.upgrade(url)
    states = []

    def serving(app, host, port, **options):  # stands for uvicorn: the worker runs meanwhile
        with TestClient(app, headers=bearer(app, Role.secretariat)) as c:
            sid = import_example(c, "cop10-2020.yaml")
            location = c.post(f"/sessions/{sid}/variants", json={"name": "draft", "params": {"time_limit": 1}}).headers["location"]
            wait_for(lambda: c.get(location).json()["state"] not in ("queued", "running"), timeout=30)
            states.append(c.get(location).json()["state"])

    monkeypatch.setattr(server.uvicorn, "run", serving)
    server._serve(url, "127.0.0.1", 0, worker=True)
    assert states == ["succeeded"]


def test_the_worker_beside_a_server_stops_when_the_server_is_killed(tmp_path):
    url = f"sqlite:///{tmp_path / 'podium.db'}"
    migrate.upgrade(url)
    # Stands for the server: starts the worker as `podium run` does, then is killed outright.
    server = subprocess.Popen([sys.executable, "-c", (
        "import os, subprocess, sys, time\n"
        f"w = subprocess.Popen([sys.executable, '-m', 'service.cli', 'worker', '--url', {url!r}, '--parent', str(os.getpid())])\n"
        "print(w.pid, flush=True)\ntime.sleep(600)\n")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    worker = int(server.stdout.readline())
    server.kill()
    server.wait()
    wait_for(lambda: not _alive(worker), timeout=30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has ended: its parent (init here) has not reaped it yet.
    return Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
