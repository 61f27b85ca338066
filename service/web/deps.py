"""What every router needs: a database session per request, ids in paths, and pages of lists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Path, Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session as Db

from service.sessionfile.models import MAX_ID


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
