"""Shared fixtures: the real cases in examples/, databases on SQLite and PostgreSQL, an API client."""

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.command import stamp
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from service.db.migrate import alembic_config, upgrade
from service.db.models import Base
from service.db.tokens import Role
from service.sessionfile import LoadedSession, load
from service.web.app import create_app
from tests.helpers import EXAMPLES
from tests.helpers.apiclient import PageClient, bearer

PLANNER_TESTS = Path(__file__).parent / "solver"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The planner's tests measure its work against the clock: mark them to run with no other test beside them."""
    for item in items:
        if item.path.is_relative_to(PLANNER_TESTS):
            item.add_marker(pytest.mark.solo)


@pytest.fixture(scope="session")
def cop10() -> LoadedSession:
    """CTOC/COP/2020/1: one plenary, hybrid, two 2-hour slots a day."""
    return load(EXAMPLES / "cop10-2020.yaml")


@pytest.fixture(scope="session")
def wg2_wg3() -> LoadedSession:
    """CTOC/COP/WG.2 and WG.3 2022: two working groups, one interpreted room, joint items."""
    return load(EXAMPLES / "wg2-wg3-2022.yaml")


# --- databases: every database test runs on SQLite and, when configured, on PostgreSQL ---

POSTGRES_URL = os.environ.get("PODIUM_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL schema of its own that is dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'podium.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PODIUM_TEST_POSTGRES_URL is not set")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL, poolclass=NullPool)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per run; tests get copies (migrating each time costs most of a second)."""
    path = tmp_path_factory.mktemp("migrated") / "podium.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(empty_db_url: str, migrated_sqlite: Path) -> str:
    """A database migrated to the latest revision."""
    if empty_db_url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, empty_db_url.removeprefix("sqlite:///"))
    else:
        # The models' tables, as migrating would make them (test_migrations checks they agree), only faster.
        engine = create_engine(empty_db_url, poolclass=NullPool)
        Base.metadata.create_all(engine)
        engine.dispose()
        stamp(alembic_config(empty_db_url), "head")  # as migrated: commands check the revision before they start
    return empty_db_url


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """An API client on a migrated database, signed in with a secretariat token (it may call every route); its form posts carry the page token."""
    app = create_app(db_url)
    with PageClient(app, headers=bearer(app, Role.secretariat)) as c:
        yield c
    app.state.engine.dispose()
