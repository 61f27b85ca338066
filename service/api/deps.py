"""What every router needs: a database session per request, ids, pages, and committing a checked session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Path, Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session as Db

from service.api.errors import not_found, refusal
from service.db import repository
from service.db.models import SessionRow
from service.sessionfile import FieldError

MAX_ID = 2**31 - 1  # a database integer


def get_db(request: Request) -> Iterator[Db]:
    db = request.app.state.sessionmaker()
    try:
        yield db
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


DbDep = Annotated[Db, Depends(get_db)]
SessionId = Annotated[int, Path(ge=1, le=MAX_ID, description="Session id")]
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from `offset`, and how many there are in all."""

    items: list[T]
    total: int
    limit: int
    offset: int


class Paging:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=500, description="Items per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=MAX_ID, description="Items to skip")] = 0,
    ):
        self.limit, self.offset = limit, offset


PagingDep = Annotated[Paging, Depends()]


def session_or_404(db: Db, session_id: int) -> SessionRow:
    row = repository.get_session(db, session_id)
    if row is None:
        raise not_found("path.session_id", f"no session {session_id}")
    return row


def relative(errors: list[FieldError], prefixes: list[str]) -> list[FieldError]:
    """File paths under the edited row made relative to it (`agenda[3].minutes` -> `minutes`).

    Errors elsewhere keep their full path: the edit clashes with another stored record.
    """
    out = []
    for e in errors:
        for prefix in prefixes:
            if e.path == prefix or e.path.startswith((prefix + ".", prefix + "[")):
                out.append(FieldError(e.path[len(prefix) :].lstrip(".") or "(body)", e.reason, e.conflict))
                break
        else:
            out.append(FieldError(e.path, e.reason, conflict=True))
    return out


def commit_checked(db: Db, session: SessionRow, edited: object | None = None) -> None:
    """Commit if the whole session still holds together, else refuse naming what breaks."""
    prefixes = repository.file_paths(session, edited) if edited is not None else []
    errors = repository.check_stored(session)
    if errors:
        raise refusal(relative(errors, prefixes))
    db.commit()
