"""Operations: domain results and domain errors, no HTTP, and never a commit (the caller owns the unit of work)."""

import pytest
from sqlalchemy import func, select

from service import published
from service.db.engine import make_engine, make_sessionmaker
from service.db.models import ProgrammeVersionRow, SessionRow, VariantRow
from service.errors import Conflict, Invalid, NotFound
from service.operations import sessions, variants, versions
from service.operations.variants import VariantCreate
from tests.helpers.sessions import stored


@pytest.fixture
def factory(db_url):
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def session_id(factory, cop10) -> int:
    return stored(factory, cop10)


def _count(factory, table) -> int:
    with factory() as db:
        return db.scalar(select(func.count()).select_from(table))


def test_an_unknown_session_is_a_not_found_naming_the_id(factory):
    with factory() as db, pytest.raises(NotFound) as refused:
        sessions.session_row(db, 42)
    assert [(e.path, e.reason) for e in refused.value.errors] == [("path.session_id", "no session 42")]


def test_an_operation_writes_nothing_until_its_caller_commits(factory, cop10):
    with factory() as db:
        sessions.import_session(db, cop10)
        db.rollback()
    assert _count(factory, SessionRow) == 0


def test_publishing_is_one_operation_the_api_the_pages_and_the_cli_share(factory, session_id):
    with factory() as db:
        row = sessions.session_row(db, session_id)
        variant, _ = variants.create_variant(db, row, VariantCreate(name="As published", version=1))
        version = versions.publish_variant(db, row, variant.id, "the same again")
        db.commit()
    assert (version.number, version.note) == (2, "the same again")
    with factory() as db:
        assert [v.number for v in published.history(db, session_id).versions] == [1, 2]


def test_a_second_variant_of_the_same_name_is_a_conflict_naming_the_field(factory, session_id):
    with factory() as db:
        row = sessions.session_row(db, session_id)
        variants.create_variant(db, row, VariantCreate(name="A", version=1))
        with pytest.raises(Conflict) as refused:
            variants.create_variant(db, row, VariantCreate(name="A", version=1))
    assert refused.value.errors[0].path == "name"


def test_a_comparison_of_one_variant_is_invalid(factory, session_id):
    with factory() as db, pytest.raises(Invalid):
        variants.comparison(db, sessions.session_row(db, session_id), [1])


def test_the_history_reads_the_session_once_with_every_version(factory, session_id):
    with factory() as db:
        h = published.history(db, session_id)
    assert h.session.symbols[0] == "CTOC/COP/2020/1"
    assert h.latest.number == 1 == h.version(1).number
    with pytest.raises(NotFound):
        h.version(2)


def test_a_refused_publication_leaves_no_version(factory, session_id):
    with factory() as db:
        row = sessions.session_row(db, session_id)
        with pytest.raises(NotFound):
            versions.publish_variant(db, row, 99)
        db.commit()
    assert _count(factory, ProgrammeVersionRow) == 1 and _count(factory, VariantRow) == 0
