"""Feed routes: content type, validators and 304s, HEAD, languages, selections, personal tokens."""

import datetime as dt
from email.utils import format_datetime

import pytest
from fastapi.testclient import TestClient

from service.db.models import VariantRow
from service.db.programmes import programme_json
from service.published import publish
from service.web.api import feeds as feed_routes
from service.web.app import create_app
from tests.helpers.feedcases import events, revised
from tests.helpers.sessions import stored


@pytest.fixture
def app(db_url):
    return create_app(db_url)


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture
def session_id(app, wg2_wg3) -> int:
    return stored(app.state.sessionmaker, wg2_wg3)


def publish_revision(app, session_id, wg2_wg3) -> None:
    with app.state.sessionmaker() as db:
        publish(db, session_id, wg2_wg3.session, revised(wg2_wg3.session, wg2_wg3.programme))
        db.commit()


def test_a_session_feed_is_served_as_utf8_calendar_with_every_meeting(client, session_id, wg2_wg3):
    response = client.get(f"/sessions/{session_id}/feed.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert len(events(response.content)) == len(wg2_wg3.programme.meetings)


def test_a_feed_carries_etag_last_modified_and_public_cache_control(client, session_id):
    headers = client.get(f"/sessions/{session_id}/feed.ics").headers
    assert headers["etag"].startswith('"') and headers["last-modified"].endswith(" GMT")
    assert headers["cache-control"] == "public, max-age=300"


def test_the_same_etag_gets_304_without_a_body(client, session_id):
    etag = client.get(f"/sessions/{session_id}/feed.ics").headers["etag"]
    again = client.get(f"/sessions/{session_id}/feed.ics", headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)


def test_another_etag_gets_the_feed(client, session_id):
    response = client.get(f"/sessions/{session_id}/feed.ics", headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200


def test_if_modified_since_the_last_publication_gets_304(client, session_id):
    last_modified = client.get(f"/sessions/{session_id}/feed.ics").headers["last-modified"]
    response = client.get(f"/sessions/{session_id}/feed.ics", headers={"If-Modified-Since": last_modified})
    assert response.status_code == 304


def test_if_modified_since_before_the_last_publication_gets_the_feed(client, session_id):
    long_ago = format_datetime(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), usegmt=True)
    response = client.get(f"/sessions/{session_id}/feed.ics", headers={"If-Modified-Since": long_ago})
    assert response.status_code == 200


def test_head_gives_the_headers_of_get_without_a_body(client, session_id):
    get = client.get(f"/sessions/{session_id}/feed.ics")
    head = client.head(f"/sessions/{session_id}/feed.ics")
    assert (head.status_code, head.content) == (200, b"")
    assert (head.headers["etag"], head.headers["content-length"]) == (get.headers["etag"], get.headers["content-length"])


def test_lang_picks_the_language_of_titles(client, session_id):
    response = client.get(f"/sessions/{session_id}/feed.ics", params={"lang": "zh"})
    assert "国际合作工作组" in events(response.content)[0]["SUMMARY"]


def test_an_unofficial_language_is_refused(client, session_id):
    assert client.get(f"/sessions/{session_id}/feed.ics", params={"lang": "de"}).status_code == 422


def test_an_unknown_session_has_no_feed(client):
    assert client.get("/sessions/999/feed.ics").status_code == 404


@pytest.mark.parametrize(
    ("path", "count"),
    [("bodies/wg2/feed.ics", 8), ("items/wg2/4/feed.ics", 1), ("items/wg3/1(a)/feed.ics", 1)],
)
def test_body_and_item_feeds_select_their_meetings(client, session_id, path, count):
    assert len(events(client.get(f"/sessions/{session_id}/{path}").content)) == count


@pytest.mark.parametrize("path", ["bodies/wg9/feed.ics", "items/wg2/99/feed.ics", "rooms/nowhere/feed.ics"])
def test_a_feed_of_an_unknown_body_item_or_room_is_not_found(client, session_id, path):
    assert client.get(f"/sessions/{session_id}/{path}").status_code == 404


def test_a_new_published_version_changes_the_feed_and_its_etag(app, client, session_id, wg2_wg3):
    before = client.get(f"/sessions/{session_id}/feed.ics")
    publish_revision(app, session_id, wg2_wg3)
    after = client.get(f"/sessions/{session_id}/feed.ics", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert "CANCELLED" in {str(e["STATUS"]) for e in events(after.content)}


def test_a_draft_variant_never_appears_in_a_feed(app, client, session_id, wg2_wg3):
    before = client.get(f"/sessions/{session_id}/feed.ics").content
    with app.state.sessionmaker() as db:
        draft = programme_json(revised(wg2_wg3.session, wg2_wg3.programme))
        db.add(VariantRow(session_id=session_id, name="draft", params={}, programme=draft, result=None))
        db.commit()
    assert client.get(f"/sessions/{session_id}/feed.ics").content == before


def test_a_feed_is_rendered_once_per_version_and_language(client, session_id, monkeypatch):
    calls = []
    monkeypatch.setattr(feed_routes, "render", lambda *a, **k: calls.append(a) or b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    for _ in range(3):
        client.get(f"/sessions/{session_id}/feed.ics")
    client.get(f"/sessions/{session_id}/feed.ics", params={"lang": "fr"})
    assert len(calls) == 2


def test_the_feed_list_offers_https_and_webcal_links(client, session_id):
    entries = client.get(f"/sessions/{session_id}/feeds").json()
    session = entries[0]
    assert session["kind"] == "session"
    assert session["links"]["https"] == f"http://testserver/sessions/{session_id}/feed.ics"
    assert session["links"]["webcal"] == f"webcal://testserver/sessions/{session_id}/feed.ics"
    assert {e["body"] for e in entries if e["kind"] == "body"} == {"wg2", "wg3"}


def create_personal(client, session_id, **selection):
    return client.post(f"/sessions/{session_id}/feeds/personal", json=selection)


def test_a_personal_feed_shows_the_delegate_s_selection_privately(client, session_id):
    created = create_personal(client, session_id, bodies=["wg3"], items=[{"body": "wg2", "code": "4"}])
    assert created.status_code == 201
    response = client.get(created.json()["links"]["https"])
    assert len(events(response.content)) == 7  # WG.3's six meetings and WG.2's Thursday morning
    assert response.headers["cache-control"] == "private, max-age=300"


def test_a_personal_feed_link_is_a_webcal_link_too(client, session_id):
    links = create_personal(client, session_id, bodies=["wg3"]).json()["links"]
    assert links["webcal"] == "webcal://" + links["https"].removeprefix("http://")


def test_a_revoked_personal_feed_is_gone(client, session_id):
    token = create_personal(client, session_id, bodies=["wg3"]).json()["token"]
    assert client.delete(f"/feeds/{token}").status_code == 204
    assert client.get(f"/feeds/{token}.ics").status_code == 410


def test_an_unknown_personal_feed_is_not_found(client):
    assert client.get("/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics").status_code == 404
    assert client.delete("/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404


def test_a_personal_feed_of_unknown_bodies_or_items_is_refused(client, session_id):
    response = create_personal(client, session_id, bodies=["wg9"], items=[{"body": "wg2", "code": "99"}])
    assert response.status_code == 422
    assert [d["path"] for d in response.json()["detail"]] == ["bodies[0]", "items[0]"]


def test_an_empty_personal_selection_is_refused(client, session_id):
    assert create_personal(client, session_id).status_code == 422


def test_every_event_links_to_the_session_s_public_annex_page(client, session_id):
    feed = client.get(f"/sessions/{session_id}/feed.ics").content
    assert {str(e["URL"]) for e in events(feed)} == {f"http://testserver/ui/sessions/{session_id}/annex"}
    assert client.get(f"/ui/sessions/{session_id}/annex").status_code == 200
