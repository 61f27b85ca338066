"""Migrations: each one goes up and down, and the migrated schema is exactly the models'."""

import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from service import published
from service.db.engine import make_engine
from service.db.migrate import alembic_config, downgrade, upgrade
from service.db.models import Base
from service.db.programmes import programme_json
from service.db.repository import add_session


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_every_migration_goes_up_one_at_a_time_and_back_down_to_nothing(empty_db_url):
    revisions = _revisions()
    for revision in revisions:
        upgrade(empty_db_url, revision)
    assert _tables(empty_db_url) == set(Base.metadata.tables)
    for _ in revisions:
        downgrade(empty_db_url, "-1")
    assert _tables(empty_db_url) == set()


def test_the_migrated_schema_matches_the_models(db_url):
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_version_snapshots_are_backfilled_from_the_session_and_dropped_going_down(empty_db_url, wg2_wg3):
    upgrade(empty_db_url, "0006")
    engine = make_engine(empty_db_url)
    try:
        with Session(engine) as db:
            row = add_session(db, wg2_wg3.session, [])
            db.execute(
                text("INSERT INTO programme_versions (session_id, number, note, programme) VALUES (:s, 1, '', :p)"),
                {"s": row.id, "p": json.dumps(programme_json(wg2_wg3.programme))},
            )
            db.commit()
            session_id = row.id
        upgrade(empty_db_url)
        with Session(engine) as db:
            [version] = published.versions(db, session_id)
        assert version.session == wg2_wg3.session
        downgrade(empty_db_url, "0006")
        assert "snapshot" not in {c["name"] for c in inspect(engine).get_columns("programme_versions")}
    finally:
        engine.dispose()
