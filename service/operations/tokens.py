"""API tokens (the secretariat's and the bureau's) and personal feed tokens (a delegate's selection)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session as Db

from service.db import feed_tokens, tokens
from service.db.feed_tokens import PersonalFeed
from service.db.models import ApiTokenRow
from service.db.tokens import Role
from service.errors import FieldError, Gone, Invalid, NotFound, refused
from solver.problem import Session


@dataclass(frozen=True)
class Holder:
    """Who holds a live API token: their name and role."""

    role: Role
    name: str


def create_token(db: Db, role: Role, name: str) -> tuple[ApiTokenRow, str]:
    """A new token: its row, and the token itself (shown once, only its digest is stored)."""
    return tokens.create(db, role, name)


def holder(db: Db, token: str) -> Holder | None:
    """The holder of a live token; None for an unknown or revoked one."""
    row = tokens.find(db, token)
    return None if row is None else Holder(Role[row.role], row.name)


def revoke_token(db: Db, token_id: int) -> bool:
    return tokens.revoke(db, token_id)


def list_tokens(db: Db) -> list[ApiTokenRow]:
    return tokens.listed(db)


def needs_first_token(db: Db) -> bool:
    """No live secretariat token yet: a fresh installation."""
    return not tokens.any_live(db, Role.secretariat)


def create_personal_feed(db: Db, session: Session, session_id: int, bodies: list[str], items: list[tuple[str, str]]) -> str:
    """A personal feed of some bodies and items, behind an unguessable token; refused naming what the session lacks."""
    if not (bodies or items):
        raise Invalid.at("(body)", "select at least one body or item")
    known_bodies = {b.key for b in session.bodies}
    known_items = {i.ref for i in session.agenda}
    unknown = [FieldError(f"bodies[{n}]", f"no body {b!r}") for n, b in enumerate(bodies) if b not in known_bodies]
    unknown += [FieldError(f"items[{n}]", f"no item {c!r} of body {b!r}") for n, (b, c) in enumerate(items) if (b, c) not in known_items]
    if unknown:
        raise refused(unknown)
    return feed_tokens.create(db, session_id, frozenset(bodies), frozenset(items))


def personal_feed(db: Db, token: str) -> PersonalFeed:
    """The feed behind a token; NotFound for an unknown token, Gone for a revoked one."""
    found = feed_tokens.find(db, token)
    if found is None:
        raise NotFound.at("path.token", "no such feed")
    if found.revoked:
        raise Gone.at("path.token", "this feed was revoked")
    return found


def revoke_personal_feed(db: Db, token: str) -> None:
    if not feed_tokens.revoke(db, token):
        raise NotFound.at("path.token", "no such feed")
