"""Session file imports in a process of their own: decoding, checking and storing a large file holds the interpreter for seconds.

In a thread of the server that time is taken from every request (the feeds waited seconds behind a
25,000-item import). One process beside the server, started at the first import and kept, takes the
file's bytes and the database URL and answers the stored session's id, or the refusal's fields.
An in-memory SQLite database is this process's alone: its imports stay in a thread.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as Db

from service.db.engine import make_engine
from service.db.models import SessionRow
from service.errors import Conflict, DomainError, FieldError, SessionFileError
from service.lifetime import end_with
from service.operations import sessions as ops
from service.sessionfile import decode, decode_json, parse
from service.sessionfile.limits import Limits

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_engines: dict[str, Engine] = {}  # in the import process: one engine per database it has written to
ENGINES_KEPT = 4
IMPORT_NICENESS = 10


@dataclass(frozen=True)
class Stored:
    """An imported session: its id, whether this request made it, and the answer to send."""

    session_id: int
    made: bool
    body: bytes


@dataclass(frozen=True)
class Refused:
    """A refusal from the import process, by kind and fields (exceptions do not pickle with them)."""

    kind: type[DomainError]
    errors: list[FieldError]
    file: str | None = None

    def error(self) -> DomainError:
        return SessionFileError(self.errors, self.file) if self.kind is SessionFileError else self.kind(self.errors)


Answer = Callable[[SessionRow], bytes]


def store(db: Db, answer: Answer, raw: bytes, kind: str, name: str | None, bounds: Limits, copy: bool, key: str | None) -> Stored:
    """Decode, check and store a session file; the stored session as `answer` writes it, its id, and whether it was made now."""
    data = decode_json(raw, name, bounds) if kind == "json" else decode(raw, name, bounds)
    row, made = ops.import_once(db, parse(data, name, bounds), key, copy)
    db.commit()
    # Written here too: the answer for 25,000 items takes seconds to build.
    return Stored(row.id, made, answer(row))


def _in_process(url: str, *args: Any) -> Stored | Refused:
    """`store` in the import process."""
    engine = _engines.get(url)
    if engine is None:
        if len(_engines) >= ENGINES_KEPT:
            _engines.pop(next(iter(_engines))).dispose()
        engine = _engines[url] = make_engine(url)
    with Db(engine, expire_on_commit=False, autoflush=False) as db:
        try:
            return store(db, *args)
        except DomainError as e:
            return Refused(type(e), e.errors, getattr(e, "file", None))
        except IntegrityError:
            # A concurrent import with the same key or session got there first.
            return Refused(Conflict, [FieldError("(request)", "conflicts with a record stored meanwhile; read it again and retry")])


def _start_import_process(server: int) -> None:
    """In the import process: yield to the server, and end with it (a server killed outright would leave it behind)."""
    os.nice(IMPORT_NICENESS)
    end_with(server, lambda: os._exit(0))


def _process_pool() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # Spawned, not forked: the server has threads (and database connections) a fork would copy half-made.
            # At a lower priority: the server's requests go first on a machine of few cores.
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_import_process,
                                        initargs=(os.getpid(),))
        return _pool


def _shared(app: FastAPI) -> str | None:
    """The URL another process reaches the app's database by; None for an in-memory SQLite database."""
    url = app.state.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


async def import_file(app: FastAPI, db: Db, answer: Answer, raw: bytes, kind: str, name: str | None, bounds: Limits, copy: bool,
                      key: str | None) -> Stored:
    """Import off the server's process (see the module's docstring); `answer` writes the stored session for the response."""
    url = _shared(app)
    if url is None:
        return await run_in_threadpool(store, db, answer, raw, kind, name, bounds, copy, key)
    found = await asyncio.get_running_loop().run_in_executor(_process_pool(), _in_process, url, answer, raw, kind, name, bounds, copy, key)
    if isinstance(found, Refused):
        raise found.error()
    return found
