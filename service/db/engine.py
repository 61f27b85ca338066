"""The database URL, engines and transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from service.settings import settings


def database_url(url: str | None = None) -> str:
    """The given URL, else the configured one (`PODIUM_DATABASE_URL`, else the SQLite file under var/)."""
    return url or settings().database_url


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # SQLite ignores ON DELETE CASCADE unless asked per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None, **options: Any) -> Engine:
    engine = create_engine(database_url(url), **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely when it raises."""
    with factory.begin() as db:
        yield db


@contextmanager
def unit_of_work(url: str | None = None) -> Iterator[Session]:
    """One transaction on the database at `url` with an engine of its own, disposed afterwards (for commands)."""
    engine = make_engine(url)
    try:
        with transaction(make_sessionmaker(engine)) as db:
            yield db
    finally:
        engine.dispose()
