"""Each session's feed state remembered for a moment, and forgotten when this process publishes.

Every public rendering (feeds, documents and pages of published versions) is looked up by this
state; every feed request needs it (see `feeds_store.feed_state`); reading it costs a database
round trip, several times the cost of serving a cached feed. So it is remembered for a few
seconds (`Settings.feed_state_ttl`) per database and session, and forgotten as soon as a database session of this process
commits a new programme version or a session edit: here a publication shows at the next
request; in other worker processes within those seconds.
"""

from __future__ import annotations

import threading
import time

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import event
from sqlalchemy.orm import Session as Db

from service import published
from service.db.models import ProgrammeVersionRow, SessionRow
from service.published import FeedState

_NOTE = "feeds_changed_sessions"

_states: dict[tuple[str, int], tuple[float, FeedState]] = {}
_lock = threading.Lock()


def remembered(database: str, session_id: int, ttl: float) -> FeedState | None:
    with _lock:
        entry = _states.get((database, session_id))
    return entry[1] if entry and time.monotonic() - entry[0] < ttl else None


def remember(database: str, session_id: int, state: FeedState) -> None:
    with _lock:
        _states[(database, session_id)] = (time.monotonic(), state)


def _read(app: FastAPI, session_id: int) -> FeedState | None:
    with app.state.sessionmaker() as db:
        return published.feed_state(db, session_id)


async def published_state(app: FastAPI, session_id: int) -> FeedState:
    """The session's state, read from the database only when the remembered one has expired; `published.unpublished` without a version."""
    database = str(app.state.engine.url)
    state = remembered(database, session_id, app.state.settings.feed_state_ttl)
    if state is None:
        state = await run_in_threadpool(_read, app, session_id)
        if state is None:
            raise published.unpublished(session_id)
        remember(database, session_id, state)
    if state.latest is None:
        raise published.unpublished(session_id)
    return state


def forget(database: str, session_id: int) -> None:
    with _lock:
        _states.pop((database, session_id), None)


@event.listens_for(Db, "after_flush")
def _note_changes(db: Db, _context: object) -> None:
    changed = {o.session_id for o in db.new if isinstance(o, ProgrammeVersionRow)}
    changed |= {o.id for o in db.dirty if isinstance(o, SessionRow)}
    if changed:
        db.info.setdefault(_NOTE, set()).update(changed)


@event.listens_for(Db, "after_commit")
def _forget_changed(db: Db) -> None:
    changed = db.info.pop(_NOTE, set())
    if changed:
        database = str(db.get_bind().url)
        for session_id in changed:
            forget(database, session_id)


@event.listens_for(Db, "after_rollback")
def _drop_notes(db: Db) -> None:
    db.info.pop(_NOTE, None)
