"""Alembic environment: the URL comes from the caller, else PODIUM_DATABASE_URL, else var/podium.db."""

from alembic import context
from sqlalchemy import pool

from service.db.engine import database_url, make_engine
from service.db.models import Base

config = context.config


def _url() -> str:
    return config.attributes.get("url") or database_url()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=Base.metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = make_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # render_as_batch: SQLite alters tables by copying them; PostgreSQL alters in place.
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
