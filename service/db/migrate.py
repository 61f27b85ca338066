"""Apply and revert the Alembic migrations in `migrations/`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import make_url

import migrations
from service.db.engine import database_url, make_engine


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    # Passed as an attribute, not an ini option: URLs may hold `%`, which ini interpolation would mangle.
    config.attributes["url"] = database_url(url)
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
    _write_ahead_log(url)


def _write_ahead_log(url: str | None) -> None:
    """A SQLite file keeps a write-ahead log (the mode stays with the file): readers, such as the public feeds,
    never wait for a writer (an import, the worker's heartbeat), nor it for them."""
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    finally:
        engine.dispose()


def downgrade(url: str | None = None, revision: str = "-1") -> None:
    command.downgrade(alembic_config(url), revision)


class NotMigrated(Exception):
    """The database's schema is not the latest: the command cannot use it yet."""


def current(url: str | None = None) -> str | None:
    """The revision the database is at; None when it was never migrated."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def ready(url: str | None = None) -> None:
    """Make a SQLite database usable as `podium run` does (create its folder, migrate); on another database, NotMigrated unless at the latest revision.

    A shared server database is migrated by its operator, deliberately (`podium db upgrade`), never by whichever command runs first.
    """
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        upgrade(url)
        return
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    at = current(url)
    if at != head:
        shown = parsed.render_as_string(hide_password=True)
        state = "was never migrated" if at is None else f"is at revision {at}, not {head}"
        raise NotMigrated(f"the database {shown} {state}: run `podium db upgrade` first")
