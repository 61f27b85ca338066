"""What feeds read from the database: the state a cached feed depends on, the versions, personal feed tokens."""

import dataclasses

import pytest
from sqlalchemy import select

from service.db.engine import make_engine, make_sessionmaker, transaction
from service.db.feed_tokens import create, find, revoke
from service.db.models import FeedTokenRow
from service.operations.sessions import import_session as store
from service.published import feed_state, history, publish
from tests.helpers.feedcases import revised

BODIES, ITEMS = frozenset({"wg3"}), frozenset({("wg2", "4")})


@pytest.fixture
def db(db_url):
    engine = make_engine(db_url)
    with transaction(make_sessionmaker(engine)) as session:
        yield session
    engine.dispose()


@pytest.fixture
def stored(db, wg2_wg3):
    return store(db, wg2_wg3)


def test_there_is_no_feed_state_for_an_unknown_session(db):
    assert feed_state(db, 404) is None


def test_the_feed_state_names_the_latest_version_and_its_publish_time(db, stored, wg2_wg3):
    publish(db, stored.id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
    state = feed_state(db, stored.id)
    assert state.latest == 2
    assert state.published_at.tzinfo is not None


def test_a_session_without_versions_has_a_state_without_a_latest_version(db, wg2_wg3):
    row = store(db, dataclasses.replace(wg2_wg3, programme=None))
    state = feed_state(db, row.id)
    assert (state.latest, state.published_at) == (None, None)


def test_the_history_gives_the_session_and_every_version_oldest_first(db, stored, wg2_wg3):
    publish(db, stored.id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
    h = history(db, stored.id)
    session, versions = h.session, h.versions
    assert session.name("en") == wg2_wg3.session.name("en")
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].programme == wg2_wg3.programme.sorted()
    assert all(v.published_at.tzinfo is not None for v in versions)


def test_a_token_finds_its_session_and_selection(db, stored):
    token = create(db, stored.id, BODIES, ITEMS)
    found = find(db, token)
    assert (found.session_id, found.bodies, found.items, found.revoked) == (stored.id, BODIES, ITEMS, False)


def test_a_token_is_stored_only_as_its_digest(db, stored):
    token = create(db, stored.id, BODIES, ITEMS)
    assert token not in db.scalars(select(FeedTokenRow.token_sha256)).all()
    assert len(token) >= 32


def test_a_revoked_token_is_found_revoked(db, stored):
    token = create(db, stored.id, BODIES, ITEMS)
    assert revoke(db, token)
    assert find(db, token).revoked


def test_an_unknown_token_is_neither_found_nor_revoked(db):
    assert find(db, "not-a-token") is None
    assert not revoke(db, "not-a-token")
