"""Personal feed tokens: a delegate's selection behind a token that is stored only as its SHA-256."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from service.db.models import FeedTokenRow
from service.db.tokens import digest


@dataclass(frozen=True)
class PersonalFeed:
    """A token's session, its selection of bodies and items, and whether it was revoked."""

    session_id: int
    bodies: frozenset[str]
    items: frozenset[tuple[str, str]]
    revoked: bool


def create(db: Db, session_id: int, bodies: frozenset[str], items: frozenset[tuple[str, str]]) -> str:
    """A new personal feed token (shown once; only its digest is stored)."""
    token = secrets.token_urlsafe(24)
    db.add(FeedTokenRow(session_id=session_id, token_sha256=digest(token), bodies=sorted(bodies), items=[list(ref) for ref in sorted(items)]))
    db.flush()
    return token


def _row(db: Db, token: str) -> FeedTokenRow | None:
    return db.scalars(select(FeedTokenRow).where(FeedTokenRow.token_sha256 == digest(token))).one_or_none()


def find(db: Db, token: str) -> PersonalFeed | None:
    row = _row(db, token)
    if row is None:
        return None
    return PersonalFeed(row.session_id, frozenset(row.bodies), frozenset((b, c) for b, c in row.items), row.revoked_at is not None)


def revoke(db: Db, token: str) -> bool:
    """Revoke a token for good; False when there is no such token."""
    row = _row(db, token)
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.UTC)
    return True
