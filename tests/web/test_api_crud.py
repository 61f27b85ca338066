"""CRUD of sessions and their parts: create, read, list with pages, replace, delete; 404, 409 and 422 by field."""

from __future__ import annotations

import pytest

from tests.helpers.apiclient import errors, import_example

NEW_SESSION = {"name_en": "Working Group", "timezone": "Europe/Vienna", "first_day": "2022-05-23", "last_day": "2022-05-27"}


@pytest.fixture
def wg(client) -> int:
    """The WG.2/WG.3 session of 2022, imported."""
    return import_example(client, "wg2-wg3-2022.yaml")


def item_id(client, session: int, body: str, code: str) -> int:
    items = client.get(f"/sessions/{session}/items", params={"limit": 500}).json()["items"]
    return next(i["id"] for i in items if i["body"] == body and i["code"] == code)


def test_a_session_is_created_read_replaced_and_deleted(client):
    created = client.post("/sessions", json=NEW_SESSION)
    assert created.status_code == 201
    sid = created.json()["id"]
    assert client.get(f"/sessions/{sid}").json()["name_en"] == "Working Group"

    replaced = client.put(f"/sessions/{sid}", json={**NEW_SESSION, "venue": "Geneva", "format": "hybrid"})
    assert replaced.json()["venue"] == "Geneva" and replaced.json()["version"] == 2

    assert client.delete(f"/sessions/{sid}").status_code == 204
    assert client.get(f"/sessions/{sid}").status_code == 404


def test_lists_come_in_pages_with_the_total(client, wg):
    page = client.get(f"/sessions/{wg}/items", params={"limit": 5, "offset": 5}).json()

    assert page["total"] == 16 and page["limit"] == 5 and page["offset"] == 5
    assert [i["code"] for i in page["items"]] == ["4", "5", "1", "1(a)", "1(b)"]
    assert [i["body"] for i in page["items"]] == ["wg3", "wg3", "wg2", "wg2", "wg2"]


def test_a_page_limit_out_of_range_gets_422_naming_the_query_parameter(client):
    response = client.get("/sessions", params={"limit": 0})

    assert response.status_code == 422 and errors(response)[0][0] == "query.limit"


@pytest.mark.parametrize("url", ["/sessions/99", "/sessions/99/bodies", "/sessions/99/rules", "/sessions/99/file"])
def test_an_unknown_session_gets_404(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert errors(response) == [("path.session_id", "no session 99")]


@pytest.mark.parametrize("part", ["slots", "bodies", "rooms", "items", "documents", "pins", "forbidden", "avoid-parallel"])
def test_an_unknown_part_gets_404(client, wg, part):
    response = client.get(f"/sessions/{wg}/{part}/12345")

    assert response.status_code == 404 and errors(response)[0][0] == "path.id"


def test_an_id_too_large_for_the_database_gets_422_not_a_crash(client):
    assert client.get(f"/sessions/{2**40}").status_code == 422


def test_a_slot_is_added_replaced_and_deleted(client, wg):
    slot = client.post(f"/sessions/{wg}/slots", json={"start": "19:00", "end": "21:00", "label_en": "7-9 p.m."})
    assert slot.status_code == 201
    sid = slot.json()["id"]

    assert client.put(f"/sessions/{wg}/slots/{sid}", json={"start": "18:30", "end": "20:00"}).json()["start"] == "18:30"
    assert client.delete(f"/sessions/{wg}/slots/{sid}").status_code == 204
    assert client.get(f"/sessions/{wg}/slots").json()["total"] == 2


def test_a_day_with_its_own_slots_takes_them(client, wg):
    response = client.post(f"/sessions/{wg}/slots", json={"date": "2022-05-27", "start": "10:00", "end": "12:00"})

    assert response.status_code == 201
    assert client.get(f"/sessions/{wg}/file").json()["day_slots"][0]["date"] == "2022-05-27"


def test_a_slot_ending_before_it_starts_gets_422_at_end(client, wg):
    response = client.post(f"/sessions/{wg}/slots", json={"start": "19:00", "end": "18:00"})

    assert response.status_code == 422
    assert errors(response) == [("end", "slot ends at 18:00, not after its start 19:00")]


def test_an_overlapping_slot_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/slots", json={"start": "12:00", "end": "14:00"})

    assert response.status_code == 409
    assert errors(response) == [("start", "slot 12:00 overlaps slot 10:00-13:00")]


def test_a_slot_that_a_pin_uses_cannot_be_deleted(client, wg):
    morning = client.get(f"/sessions/{wg}/slots").json()["items"][0]["id"]

    response = client.delete(f"/sessions/{wg}/slots/{morning}")

    assert response.status_code == 409
    assert errors(response)[0] == ("rules.pins[0].slot", "no slot starts at 10:00 on 2022-05-23")


def test_a_duplicate_item_code_in_a_body_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/items", json={"body": "wg3", "code": "2", "minutes": 30})

    assert response.status_code == 409
    assert errors(response) == [("code", "duplicate item code '2' in body 'wg3'")]


def test_a_joint_item_pointing_at_a_missing_item_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/items", json={"body": "wg3", "code": "6", "minutes": 30, "joint_with": {"wg2": "99"}})

    assert response.status_code == 409
    assert errors(response) == [("joint_with.wg2", "body 'wg2' has no item '99'")]


def test_a_sub_item_whose_parent_is_in_another_body_gets_409(client, wg):
    client.post(f"/sessions/{wg}/items", json={"body": "wg2", "code": "8", "heading": True})

    response = client.post(f"/sessions/{wg}/items", json={"body": "wg3", "code": "8(a)", "minutes": 30, "parent": "8"})

    assert response.status_code == 409
    assert errors(response) == [("parent", "parent '8' is an item of body 'wg2', not of 'wg3'")]


def test_an_item_of_an_unknown_body_gets_422(client, wg):
    response = client.post(f"/sessions/{wg}/items", json={"body": "wg9", "code": "1", "minutes": 30})

    assert response.status_code == 422
    assert errors(response) == [("body", "unknown body 'wg9' (bodies: wg3, wg2)")]


def test_an_item_without_minutes_that_is_not_a_heading_gets_422(client, wg):
    response = client.post(f"/sessions/{wg}/items", json={"body": "wg3", "code": "6"})

    assert response.status_code == 422
    assert errors(response) == [("minutes", "required for an item that is not a heading")]


def test_an_item_is_added_at_the_end_and_replaced_in_place(client, wg):
    created = client.post(f"/sessions/{wg}/items", json={"body": "wg2", "code": "8", "minutes": 60, "title_fr": "Questions diverses"})
    assert created.status_code == 201 and created.json()["position"] == 16

    replaced = client.put(f"/sessions/{wg}/items/{created.json()['id']}", json={"body": "wg2", "code": "8", "minutes": 90})

    assert replaced.json()["minutes"] == 90 and replaced.json()["position"] == 16


def test_an_item_with_sub_items_cannot_be_deleted(client, wg):
    response = client.delete(f"/sessions/{wg}/items/{item_id(client, wg, 'wg2', '1')}")

    assert response.status_code == 409
    assert "is its sub-item" in errors(response)[0][1]


def test_deleting_an_item_removes_its_pins(client, wg):
    assert client.delete(f"/sessions/{wg}/items/{item_id(client, wg, 'wg3', '2')}").status_code == 204
    assert client.delete(f"/sessions/{wg}/items/{item_id(client, wg, 'wg3', '1(b)')}").status_code == 204

    assert client.get(f"/sessions/{wg}/pins").json()["total"] == 1  # the pin is on 1(a)


def test_deleting_a_body_removes_its_items_and_the_joint_links_to_them(client):
    sid = client.post("/sessions", json=NEW_SESSION).json()["id"]
    client.post(f"/sessions/{sid}/slots", json={"start": "10:00", "end": "13:00"})
    a = client.post(f"/sessions/{sid}/bodies", json={"key": "a"}).json()["id"]
    client.post(f"/sessions/{sid}/bodies", json={"key": "b"})
    client.post(f"/sessions/{sid}/items", json={"body": "b", "code": "1", "minutes": 30})
    client.post(f"/sessions/{sid}/items", json={"body": "a", "code": "1", "minutes": 30, "joint_with": {"b": "1"}})

    assert client.delete(f"/sessions/{sid}/bodies/{a}").status_code == 204

    items = client.get(f"/sessions/{sid}/items").json()["items"]
    assert [(i["body"], i["code"], i["joint_with"]) for i in items] == [("b", "1", {})]


def test_a_duplicate_body_key_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/bodies", json={"key": "wg2"})

    assert response.status_code == 409 and errors(response) == [("key", "duplicate body key 'wg2'")]


def test_a_room_is_added_and_read(client, wg):
    room = client.post(f"/sessions/{wg}/rooms", json={"key": "M-Board", "name": "Boardroom M", "seats": 300, "hybrid": False}).json()

    assert client.get(f"/sessions/{wg}/rooms/{room['id']}").json() == room
    assert room["booths"] is True


def test_a_document_is_added_to_an_item_and_exported_with_it(client, wg):
    iid = item_id(client, wg, "wg2", "3")

    response = client.post(f"/sessions/{wg}/documents", json={"item_id": iid, "symbol": "CTOC/COP/WG.2/2022/2", "title": "Background paper"})

    assert response.status_code == 201
    agenda = client.get(f"/sessions/{wg}/file").json()["agenda"]
    assert next(i for i in agenda if i["body"] == "wg2" and i["code"] == "3")["documents"] == [
        {"symbol": "CTOC/COP/WG.2/2022/2", "title": "Background paper"}
    ]


def test_a_document_for_an_item_of_another_session_gets_422(client, wg):
    response = client.post(f"/sessions/{wg}/documents", json={"item_id": 99999, "symbol": "X/1"})

    assert response.status_code == 422 and errors(response)[0][0] == "item_id"


def test_the_rules_are_read_replaced_and_reset(client, wg):
    assert client.get(f"/sessions/{wg}/rules").json()["interpreted_at_once"] == 1

    teams = {"teams": 2, "per_day": 2, "per_week": 7}
    replaced = client.put(f"/sessions/{wg}/rules", json={"interpreted_meetings_total": 10, "interpreter_teams": teams})
    assert replaced.status_code == 200
    assert client.get(f"/sessions/{wg}/rules").json()["interpreter_teams"] == teams

    assert client.delete(f"/sessions/{wg}/rules").status_code == 204
    assert client.get(f"/sessions/{wg}/rules").json()["interpreted_meetings_total"] is None


def test_a_pin_outside_the_session_gets_422_at_its_date(client, wg):
    response = client.post(f"/sessions/{wg}/pins", json={"body": "wg2", "code": "3", "date": "2022-06-01"})

    assert response.status_code == 422
    assert errors(response) == [("date", "2022-06-01 is outside the session (2022-05-23 to 2022-05-27)")]


def test_a_pin_on_a_missing_item_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/pins", json={"body": "wg2", "code": "42", "date": "2022-05-24"})

    assert response.status_code == 409 and errors(response) == [("code", "no item '42' in body 'wg2'")]


def test_forbidden_slots_and_pairs_to_avoid_are_added(client, wg):
    assert client.post(f"/sessions/{wg}/forbidden", json={"date": "2022-05-25", "slot": "15:00", "body": "wg3"}).status_code == 201
    assert client.post(f"/sessions/{wg}/avoid-parallel", json={"first": "wg3", "second": "wg2:3", "weight": 5}).status_code == 201

    rules = client.get(f"/sessions/{wg}/file").json()["rules"]
    assert rules["forbidden"] == [{"date": "2022-05-25", "slot": "15:00", "body": "wg3"}]
    assert rules["avoid_parallel"] == [{"first": "wg3", "second": "wg2:3", "weight": 5}]


def test_a_pair_naming_no_item_gets_409(client, wg):
    response = client.post(f"/sessions/{wg}/avoid-parallel", json={"first": "wg3", "second": "wg2:42"})

    assert response.status_code == 409 and errors(response) == [("second", "'wg2:42' names no body or `body:code` item")]


def test_moving_the_last_day_before_a_pin_gets_409_naming_the_pin(client, wg):
    session = {k: v for k, v in client.get(f"/sessions/{wg}").json().items() if k not in ("id", "version")}
    client.post(f"/sessions/{wg}/pins", json={"body": "wg2", "code": "3", "date": "2022-05-27"})

    response = client.put(f"/sessions/{wg}", json={**session, "last_day": "2022-05-26"})

    assert response.status_code == 409
    assert ("rules.pins[1].date", "2022-05-27 is outside the session (2022-05-23 to 2022-05-26)") in errors(response)


@pytest.mark.parametrize(
    "field, value, path",
    [("timezone", "Europe/Viena", "timezone"), ("first_day", "2022-05-28", "first_day"), ("first_day", "2022-05-22", "first_day")],
    ids=["invalid timezone", "first day after the last", "first day on a Sunday"],
)
def test_a_bad_session_gets_422_at_the_field(client, field, value, path):
    response = client.post("/sessions", json={**NEW_SESSION, field: value})

    assert response.status_code == 422 and errors(response)[0][0] == path
    assert client.get("/sessions").json()["total"] == 0


def test_an_unknown_field_gets_422_naming_it(client):
    response = client.post("/sessions", json={**NEW_SESSION, "name_de": "Arbeitsgruppe"})

    assert response.status_code == 422 and errors(response)[0][0] == "name_de"


def test_text_with_a_nul_character_gets_422_not_a_crash(client, wg):
    response = client.post(f"/sessions/{wg}/rooms", json={"key": "A", "name": "Room\u0000A"})

    assert response.status_code == 422 and errors(response)[0][0] == "name"
