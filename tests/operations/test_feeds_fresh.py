"""Remembered feed states are forgotten when this process commits a publication or a session edit."""

import pytest

from service.db.engine import make_engine, make_sessionmaker
from service.db.models import SessionRow
from service.published import FeedState, publish
from service.web import freshness as feeds_fresh
from tests.helpers.feedcases import revised
from tests.helpers.sessions import stored

STALE = FeedState(session_version=1, latest=1, published_at=None)


@pytest.fixture
def factory(db_url):
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def session_id(factory, wg2_wg3) -> int:
    return stored(factory, wg2_wg3)


def test_a_committed_publication_forgets_the_session_s_state(factory, session_id, wg2_wg3):
    database = str(factory.kw["bind"].url)
    feeds_fresh.remember(database, session_id, STALE)
    with factory() as db:
        publish(db, session_id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
        db.commit()
    assert feeds_fresh.remembered(database, session_id, 60) is None


def test_a_rolled_back_publication_leaves_the_state_remembered(factory, session_id, wg2_wg3):
    database = str(factory.kw["bind"].url)
    feeds_fresh.remember(database, session_id, STALE)
    with factory() as db:
        publish(db, session_id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
        db.rollback()
    assert feeds_fresh.remembered(database, session_id, 60) == STALE


def test_a_committed_session_edit_forgets_the_session_s_state(factory, session_id):
    database = str(factory.kw["bind"].url)
    feeds_fresh.remember(database, session_id, STALE)
    with factory() as db:
        db.get(SessionRow, session_id).venue = "Geneva"
        db.commit()
    assert feeds_fresh.remembered(database, session_id, 60) is None
