"""API tokens: create one (shown once, stored as its SHA-256), find the live one behind a bearer, revoke, list."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

from service.db.models import ApiTokenRow

PREFIX = "pod_"  # makes a leaked token easy to recognise in logs and secret scanners


class Role(enum.IntEnum):
    """Who may do what; each role may do everything the roles below it may."""

    public = 0  # the published programme and the feeds; no token needed
    bureau = 1  # also read drafts (variants), compare, comment, approve
    secretariat = 2  # also edit, solve, publish


def digest(token: str) -> str:
    # Tokens are 256 random bits: a fast hash suffices, a slow one (bcrypt) would only slow every request.
    return hashlib.sha256(token.encode()).hexdigest()


def create(db: Db, role: Role, name: str) -> tuple[ApiTokenRow, str]:
    """A new token for `name` with `role`: the row, and the token itself (not stored)."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiTokenRow(name=name, role=role.name, token_sha256=digest(token))
    db.add(row)
    db.flush()
    return row, token


def find(db: Db, token: str) -> ApiTokenRow | None:
    """The live (not revoked) token row behind `token`, if any."""
    row = db.scalars(select(ApiTokenRow).where(ApiTokenRow.token_sha256 == digest(token))).one_or_none()
    return row if row is not None and row.revoked_at is None else None


def revoke(db: Db, token_id: int) -> bool:
    """Revoke token `token_id` for good; False when there is no such token."""
    row = db.get(ApiTokenRow, token_id)
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = dt.datetime.now(dt.UTC)
    return True


def listed(db: Db) -> list[ApiTokenRow]:
    return list(db.scalars(select(ApiTokenRow).order_by(ApiTokenRow.id)))


def any_live(db: Db, role: Role) -> bool:
    return db.scalars(select(ApiTokenRow.id).where(ApiTokenRow.role == role.name, ApiTokenRow.revoked_at.is_(None)).limit(1)).first() is not None
