"""Two writers: ETags from version counters, If-Match on updates of sessions, items and variants; a stale write gets 412."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, update

from service.db.models import SessionRow, VariantRow
from tests.helpers.apiclient import errors, import_example

MOVE_MEETING = {"kind": "move_meeting", "meeting": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"}, "to": {"date": "2020-10-14", "slot": "16:00"}}
ESTIMATE = {"kind": "estimate", "body": "plenary", "code": "2", "minutes": 90}


@pytest.fixture
def cop(client) -> int:
    return import_example(client, "cop10-2020.yaml")


def _session_body(client, sid: int, **changes) -> dict:
    body = client.get(f"/sessions/{sid}").json()
    return {k: v for k, v in body.items() if k not in ("id", "version")} | changes


def test_a_session_s_etag_is_its_version_and_moves_with_each_update(client, cop):
    read = client.get(f"/sessions/{cop}")
    updated = client.put(f"/sessions/{cop}", json=_session_body(client, cop, venue="Geneva"), headers={"If-Match": read.headers["etag"]})

    assert read.headers["etag"] == f'"{read.json()["version"]}"'
    assert updated.status_code == 200 and updated.headers["etag"] == f'"{read.json()["version"] + 1}"'


def test_of_two_writers_of_a_session_the_second_gets_412_and_changes_nothing(client, cop):
    etag = client.get(f"/sessions/{cop}").headers["etag"]  # both writers read the same version
    first = client.put(f"/sessions/{cop}", json=_session_body(client, cop, venue="Geneva"), headers={"If-Match": etag})
    second = client.put(f"/sessions/{cop}", json=_session_body(client, cop, venue="New York"), headers={"If-Match": etag})

    assert first.status_code == 200
    assert second.status_code == 412 and errors(second)[0][0] == "header.if-match"
    assert client.get(f"/sessions/{cop}").json()["venue"] == "Geneva"


@contextmanager
def _another_writer_commits_first(client, statement):
    """Within the block, the first flush of a request (after it checked If-Match) lets `statement` commit first."""
    makers = client.app.state.sessionmaker
    raced = []

    def commit_first(db, *_):
        if not raced:
            raced.append(True)
            with client.app.state.engine.begin() as connection:
                connection.execute(statement)

    event.listen(makers, "before_flush", commit_first)
    try:
        yield
    finally:
        event.remove(makers, "before_flush", commit_first)


def test_a_writer_that_races_past_the_check_is_stopped_by_the_version_counter(client, cop):
    etag = client.get(f"/sessions/{cop}").headers["etag"]
    body = _session_body(client, cop, venue="Geneva")
    other = update(SessionRow).where(SessionRow.id == cop).values(venue="Nairobi", version=SessionRow.version + 1)

    with _another_writer_commits_first(client, other):
        response = client.put(f"/sessions/{cop}", json=body, headers={"If-Match": etag})

    assert response.status_code == 412
    assert client.get(f"/sessions/{cop}").json()["venue"] == "Nairobi"


def test_of_two_writers_of_an_item_the_second_gets_412_and_changes_nothing(client, cop):
    item = next(i for i in client.get(f"/sessions/{cop}/items", params={"limit": 500}).json()["items"] if i["minutes"])
    url = f"/sessions/{cop}/items/{item['id']}"
    etag = client.get(url).headers["etag"]
    body = {k: v for k, v in item.items() if k != "id"}

    first = client.put(url, json=body | {"minutes": 200}, headers={"If-Match": etag})
    second = client.put(url, json=body | {"minutes": 30}, headers={"If-Match": etag})

    assert (first.status_code, second.status_code) == (200, 412)
    assert client.get(url).json()["minutes"] == 200


def test_a_document_added_under_an_item_changes_the_item_s_etag(client, cop):
    item = client.get(f"/sessions/{cop}/items", params={"limit": 500}).json()["items"][2]
    before = client.get(f"/sessions/{cop}/items/{item['id']}").headers["etag"]

    client.post(f"/sessions/{cop}/documents", json={"symbol": "CTOC/COP/2020/CRP.9", "item_id": item["id"]})

    assert client.get(f"/sessions/{cop}/items/{item['id']}").headers["etag"] != before


def test_of_two_editors_of_a_variant_the_second_gets_412_and_changes_nothing(client, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "draft", "version": 1}).json()["id"]
    url = f"/sessions/{cop}/variants/{vid}"
    read = client.get(url)

    first = client.post(f"{url}/edits", json={"edit": MOVE_MEETING, "accept_violations": True}, headers={"If-Match": read.headers["etag"]})
    second = client.post(f"{url}/edits", json={"edit": ESTIMATE, "accept_violations": True}, headers={"If-Match": read.headers["etag"]})

    assert (first.status_code, second.status_code) == (200, 412)
    assert client.get(url).json()["programme"] == first.json()["programme"]
    assert first.headers["etag"] == client.get(url).headers["etag"] != read.headers["etag"]


def test_a_variant_editor_that_races_past_the_check_gets_412(client, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "draft", "version": 1}).json()["id"]
    url = f"/sessions/{cop}/variants/{vid}"
    etag = client.get(url).headers["etag"]
    other = update(VariantRow).where(VariantRow.id == vid).values(name="renamed", version=VariantRow.version + 1)

    with _another_writer_commits_first(client, other):
        response = client.post(f"{url}/edits", json={"edit": MOVE_MEETING, "accept_violations": True}, headers={"If-Match": etag})

    assert response.status_code == 412 and errors(response)[0][0] == "header.if-match"
    assert client.get(url).json()["name"] == "renamed"


def test_a_stale_delete_gets_412_and_the_variant_stays(client, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "draft", "version": 1}).json()["id"]
    url = f"/sessions/{cop}/variants/{vid}"
    etag = client.get(url).headers["etag"]
    client.post(f"{url}/edits", json={"edit": MOVE_MEETING, "accept_violations": True})

    assert client.delete(url, headers={"If-Match": etag}).status_code == 412
    assert client.get(url).status_code == 200


def test_an_approval_with_a_stale_etag_gets_412(client, cop):
    vid = client.post(f"/sessions/{cop}/variants", json={"name": "draft", "version": 1}).json()["id"]
    etag = client.get(f"/sessions/{cop}/variants/{vid}").headers["etag"]
    client.post(f"/sessions/{cop}/variants/{vid}/edits", json={"edit": MOVE_MEETING, "accept_violations": True})

    assert client.post(f"/sessions/{cop}/variants/{vid}/approvals", headers={"If-Match": etag}).status_code == 412
    assert client.get(f"/sessions/{cop}/variants/{vid}/approvals").json() == []


@pytest.mark.parametrize("if_match", [None, "*"], ids=["without If-Match", "If-Match *"])
def test_a_write_without_a_specific_etag_is_accepted_last_writer_wins(client, cop, if_match):
    headers = {"If-Match": if_match} if if_match else {}
    client.put(f"/sessions/{cop}", json=_session_body(client, cop, venue="Geneva"))

    response = client.put(f"/sessions/{cop}", json=_session_body(client, cop, venue="New York"), headers=headers)

    assert response.status_code == 200 and response.json()["venue"] == "New York"


def test_a_part_without_a_version_counter_matches_only_if_match_star(client, cop):
    slot = client.get(f"/sessions/{cop}/slots").json()["items"][0]
    body = {k: v for k, v in slot.items() if k != "id"}

    assert client.put(f"/sessions/{cop}/slots/{slot['id']}", json=body, headers={"If-Match": '"1"'}).status_code == 412
    assert client.put(f"/sessions/{cop}/slots/{slot['id']}", json=body, headers={"If-Match": "*"}).status_code == 200
