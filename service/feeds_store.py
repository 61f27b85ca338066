"""What feeds read from the database: published versions, and personal feed tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import DateTime, Integer, select, text
from sqlalchemy.orm import Session as Db

from service.db.models import FeedTokenRow, ProgrammeVersionRow, SessionRow
from service.db.repository import get_session, programme_from_json, session_of
from service.feeds import PublishedVersion, Selection
from solver.problem import Session


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


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite returns naive datetimes; they are UTC (func.now()).
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment


def session_and_versions(db: Db, session_id: int) -> tuple[Session, list[PublishedVersion]]:
    """The session and every published version of its programme, oldest first."""
    row = get_session(db, session_id)
    if row is None:
        raise LookupError(session_id)
    versions = db.scalars(
        select(ProgrammeVersionRow).where(ProgrammeVersionRow.session_id == session_id).order_by(ProgrammeVersionRow.number)
    ).all()
    return session_of(row), [
        PublishedVersion(v.number, aware(v.published_at), programme_from_json(v.programme)) for v in versions
    ]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Db, session_id: int, selection: Selection) -> str:
    """A new personal feed token (shown once; only its digest is stored)."""
    token = secrets.token_urlsafe(24)
    db.add(
        FeedTokenRow(
            session_id=session_id,
            token_sha256=_digest(token),
            bodies=sorted(selection.bodies),
            items=[list(ref) for ref in sorted(selection.items)],
        )
    )
    db.flush()
    return token


@dataclass(frozen=True)
class PersonalFeed:
    """A token's session and selection, and whether it was revoked."""

    session_id: int
    selection: Selection
    revoked: bool


def find_token(db: Db, token: str) -> PersonalFeed | None:
    row = db.scalars(select(FeedTokenRow).where(FeedTokenRow.token_sha256 == _digest(token))).one_or_none()
    if row is None:
        return None
    selection = Selection(bodies=frozenset(row.bodies), items=frozenset((b, c) for b, c in row.items))
    return PersonalFeed(row.session_id, selection, row.revoked_at is not None)


def revoke_token(db: Db, token: str) -> bool:
    """Revoke a token for good; False when there is no such token."""
    row = db.scalars(select(FeedTokenRow).where(FeedTokenRow.token_sha256 == _digest(token))).one_or_none()
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.timezone.utc)
    return True
