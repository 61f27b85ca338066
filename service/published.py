"""Published versions: the one place that stores and reads them, says who a meeting is (its UID), and what the feeds depend on.

Meeting identity (the UID). A meeting is known by its bodies, the first agenda item it takes and
the occurrence of that pair in the programme (the second meeting of WG.3 and WG.2 that opens with
WG.3 item 3 is occurrence 2), and by the session's origin (its symbol when first published, kept by
every later version: renaming the session moves no event), never by its date, slot or room: a meeting that moves to another
slot keeps its UID, so a subscribed calendar moves the event instead of showing it twice, and the
change log reports it as moved. A meeting whose first item changes is a new meeting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import DateTime, Integer, select, text
from sqlalchemy.orm import Session as Db

from service.db.models import ProgrammeVersionRow
from service.db.programmes import programme_from_json, programme_json
from service.db.repository import get_session, session_of
from service.errors import NotFound
from service.sessionfile import export, to_session
from service.sessionfile.models import SessionDraft
from solver.problem import Session
from solver.programme import Meeting, Programme


@dataclass(frozen=True)
class PublishedVersion:
    """A published version of a session's programme: its number, publish time, meetings, note and the session as published.

    Every rendering of a version reads its own `session`, never the session's current rows.
    """

    number: int
    published_at: dt.datetime
    programme: Programme
    session: Session
    note: str = ""
    uid_origin: str | None = None

    @property
    def origin(self) -> str:
        """What its meetings' UIDs start from: the first version's, else its own session's (`uid_origin`)."""
        return self.uid_origin or uid_origin(self.session)


@dataclass(frozen=True)
class Published:
    """Every published version of a session's programme, oldest first: all that the public sees of it."""

    session_id: int
    versions: list[PublishedVersion]

    @property
    def latest(self) -> PublishedVersion | None:
        return self.versions[-1] if self.versions else None

    def version(self, number: int, path: str = "path.number") -> PublishedVersion:
        """Version `number`; NotFound naming `path` when there is none."""
        found = next((v for v in self.versions if v.number == number), None)
        if found is None:
            raise NotFound.at(path, f"no published version {number}")
        return found

    def latest_or_404(self) -> PublishedVersion:
        if not self.versions:
            raise unpublished(self.session_id)
        return self.versions[-1]


@dataclass(frozen=True)
class History(Published):
    """The versions and the session as it is now (read once): for the drafts' pages."""

    session: Session


def uid_origin(session: Session) -> str:
    """What the UIDs of a session's meetings start from before it is published: its first symbol, else its English name."""
    return session.symbols[0] if session.symbols else session.name("en")


def meeting_uids(session: Session, programme: Programme, origin: str | None = None) -> Iterator[tuple[str, Meeting]]:
    """Each meeting of a programme with its UID (see the module's docstring); `origin` a published version's, else the session's."""
    occurrences: Counter[tuple] = Counter()
    origin = origin or uid_origin(session)
    headings = {i.ref for i in session.agenda if i.heading}
    for m in programme.sorted().meetings:
        # Headings are printed only sometimes (a published table may omit them): not part of identity.
        takes = [t for t in m.items if (t.body, t.code) not in headings] or list(m.items)
        first = (takes[0].body, takes[0].code) if takes else ("", "")
        occurrences[(m.bodies, first)] += 1
        identity = "\x1f".join((origin, "+".join(m.bodies), *first, str(occurrences[(m.bodies, first)])))
        yield hashlib.sha256(identity.encode()).hexdigest()[:32] + "@podium", m


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite returns naive datetimes; they are UTC (func.now()).
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def snapshot_of(session: Session) -> dict[str, Any]:
    """The session as a version stores it: its session file without programme, as JSON values."""
    return to_jsonable_python(export(session))


def session_of_snapshot(snapshot: dict[str, Any]) -> Session:
    # Not checked again: a version is a record of what was published, taken as it was.
    return to_session(SessionDraft.model_validate(snapshot))


def _version(row: ProgrammeVersionRow) -> PublishedVersion:
    return PublishedVersion(
        row.number, aware(row.published_at), programme_from_json(row.programme), session_of_snapshot(row.snapshot), row.note, row.uid_origin
    )


def versions(db: Db, session_id: int) -> list[PublishedVersion]:
    """Every published version of a session, oldest first."""
    rows = db.scalars(select(ProgrammeVersionRow).where(ProgrammeVersionRow.session_id == session_id).order_by(ProgrammeVersionRow.number))
    return [_version(v) for v in rows]


def find(db: Db, session_id: int, number: int) -> PublishedVersion | None:
    """Version `number` of the session, if published."""
    row = db.scalars(
        select(ProgrammeVersionRow).where(ProgrammeVersionRow.session_id == session_id, ProgrammeVersionRow.number == number)
    ).one_or_none()
    return _version(row) if row else None


def latest(db: Db, session_id: int) -> PublishedVersion | None:
    """The session's published programme: its latest version, if any."""
    row = db.scalars(
        select(ProgrammeVersionRow).where(ProgrammeVersionRow.session_id == session_id).order_by(ProgrammeVersionRow.number.desc()).limit(1)
    ).one_or_none()
    return _version(row) if row else None


def history(db: Db, session_id: int) -> History:
    """The session and its versions; NotFound when there is no such session."""
    row = get_session(db, session_id)
    if row is None:
        raise NotFound.at("path.session_id", f"no session {session_id}")
    return History(session_id, versions(db, session_id), session_of(row))


def unpublished(session_id: int) -> NotFound:
    """The refusal of every public route for a session with no published version, or none at all: the same words, so nothing shows."""
    return NotFound.at("path.session_id", f"no published programme of session {session_id}")


def current(db: Db, session_id: int) -> PublishedVersion:
    """The latest version of a session that has one (read alone); else `unpublished`."""
    found = latest(db, session_id)
    if found is None:
        raise unpublished(session_id)
    return found


def public(db: Db, session_id: int) -> Published:
    """The versions of a session that has one; else `unpublished`. The session's current rows are not read."""
    found = Published(session_id, versions(db, session_id))
    found.latest_or_404()
    return found


def publish(db: Db, session_id: int, session: Session, programme: Programme, note: str = "") -> PublishedVersion:
    """Store `programme` with `session` as it is now as the session's next version (and so its published programme); the caller commits."""
    previous = latest(db, session_id)
    row = ProgrammeVersionRow(
        session_id=session_id, number=(previous.number if previous else 0) + 1, note=note, programme=programme_json(programme),
        snapshot=snapshot_of(session), uid_origin=previous.origin if previous else uid_origin(session),
    )
    db.add(row)
    db.flush()
    db.refresh(row)
    return _version(row)


@dataclass(frozen=True)
class FeedState:
    """What a rendered feed depends on: the session's edit counter and its latest published version."""

    session_version: int
    latest: int | None
    published_at: dt.datetime | None


# Built once: constructing a SQLAlchemy statement costs more than running this one, and it runs per request.
_STATE = text(
    "SELECT s.version, v.number, v.published_at FROM sessions s"
    " LEFT JOIN programme_versions v ON v.session_id = s.id"
    " AND v.number = (SELECT max(number) FROM programme_versions WHERE session_id = s.id)"
    " WHERE s.id = :session_id"
).columns(version=Integer, number=Integer, published_at=DateTime(timezone=True))


def feed_state(db: Db, session_id: int) -> FeedState | None:
    """None when there is no such session."""
    row = db.execute(_STATE, {"session_id": session_id}).one_or_none()
    return None if row is None else FeedState(row[0], row[1], aware(row[2]))
