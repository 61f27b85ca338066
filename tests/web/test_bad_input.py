"""Bad session files over HTTP: each refused with its reason (never a 500) and the database unchanged afterwards."""

from __future__ import annotations

import copy
import json
import uuid

import pytest
import yaml

from tests.helpers.apiclient import EXAMPLES, errors, import_example

COP = (EXAMPLES / "cop10-2020.yaml").read_text(encoding="utf-8")


def _cop() -> dict:
    return yaml.safe_load(COP)


def _yaml(client, text: str, **params):  # noqa: F811
    return client.post("/sessions/import", params=params, content=text.encode(), headers={"content-type": "application/yaml"})


def _json(client, body, **params):  # noqa: F811
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body, default=str)
    return client.post("/sessions/import", params=params, content=raw, headers={"content-type": "application/json"})


def _stored(client) -> int:  # noqa: F811
    return client.get("/sessions").json()["total"]


@pytest.mark.parametrize("send", [_yaml, _json])
def test_deeply_nested_brackets_are_a_422_naming_the_depth_not_a_recursion_error(client, send):  # noqa: F811
    response = send(client, "[" * 100_000)
    assert response.status_code == 422
    assert "nest deeper than 32 levels at line 1" in errors(response)[0][1]
    assert _stored(client) == 0


def test_a_key_given_twice_is_refused_naming_the_key_and_its_line(client):  # noqa: F811
    text = COP.replace("  venue: Vienna\n", "  venue: Vienna\n  venue: Geneva\n")
    response = _yaml(client, text)
    assert response.status_code == 422
    [(path, reason)] = errors(response)
    line = text.splitlines().index("  venue: Geneva") + 1
    assert path == "(file)" and f"at line {line}" in reason and "duplicate key 'venue'" in reason
    assert _stored(client) == 0


def test_a_key_given_twice_in_json_is_refused_naming_it(client):  # noqa: F811
    response = _json(client, '{"session": {}, "session": {}}')
    assert response.status_code == 422 and "duplicate key 'session'" in errors(response)[0][1]


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_title_are_refused_naming_the_field(client, char):  # noqa: F811
    data = _cop()
    data["agenda"][1]["title_en"] = f"Opening{char}[31m of the session"
    response = _json(client, data)
    assert response.status_code == 422
    assert errors(response) == [("agenda[1].title_en", f"control character U+{ord(char):04X} is not allowed in text (only tab and newline are)")]
    assert _stored(client) == 0


def test_tab_and_newline_are_text(client):  # noqa: F811
    data = _cop()
    data["agenda"][1]["title_en"] = "Opening\tof the\nsession"
    assert _json(client, data).status_code == 201


@pytest.mark.parametrize("field", ["code", "title_en"])
def test_bidi_overrides_are_refused_in_codes_and_titles(client, field):  # noqa: F811
    data = _cop()
    data["agenda"][1][field] = "1(a)\u202egninepO"
    response = _json(client, data)
    assert response.status_code == 422
    assert errors(response)[0] == (f"agenda[1].{field}", "bidirectional control U+202E is not allowed in text (only tab and newline are)")
    assert _stored(client) == 0


def test_a_session_with_too_many_items_is_refused(client):  # noqa: F811
    data = _cop()
    item = data["agenda"][1]
    data["agenda"] += [{**copy.deepcopy(item), "code": f"x{n}"} for n in range(2500)]
    data.pop("programme", None)
    response = _json(client, data)
    assert response.status_code == 422
    assert errors(response) == [("agenda", f"{len(data['agenda'])} items; a session holds at most 2000 (PODIUM_MAX_ITEMS)")]
    assert _stored(client) == 0


def test_a_two_year_session_is_refused(client):  # noqa: F811
    data = _cop()
    data["session"]["last_day"] = "2022-10-16"
    data.pop("programme", None)
    response = _json(client, data)
    assert response.status_code == 422
    assert errors(response)[0] == ("session.last_day", "the session lasts 735 days; at most 120 (PODIUM_MAX_DAYS)")
    assert _stored(client) == 0


def test_a_huge_title_is_refused_naming_its_length(client):  # noqa: F811
    data = _cop()
    data["agenda"][1]["title_en"] = "x" * 1_500_000
    response = _json(client, data)
    assert response.status_code == 422
    assert errors(response) == [("agenda[1].title_en", "1500000 characters; at most 2000 (PODIUM_MAX_TITLE_CHARS)")]
    assert _stored(client) == 0


def test_importing_a_stored_session_again_is_a_409_naming_it_unless_a_copy_is_asked_for(client):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    again = _yaml(client, COP)
    assert again.status_code == 409
    [(path, reason)] = errors(again)
    assert path == "session" and reason.startswith(f"session {sid} (Conference of the Parties") and "copy=true" in reason
    assert _stored(client) == 1
    assert _yaml(client, COP, copy="true").status_code == 201
    assert _stored(client) == 2


def test_a_retried_import_with_the_same_idempotency_key_answers_the_first_session(client):  # noqa: F811
    key = {"idempotency-key": str(uuid.uuid4())}
    first = client.post("/sessions/import", content=COP.encode(), headers={"content-type": "application/yaml", **key})
    retry = client.post("/sessions/import", params={"copy": "true"}, content=COP.encode(), headers={"content-type": "application/yaml", **key})
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["id"] == first.json()["id"] and _stored(client) == 1


def test_an_item_added_through_the_api_is_held_to_the_same_limits(client):  # noqa: F811
    sid = import_example(client, "cop10-2020.yaml")
    before = client.get(f"/sessions/{sid}/items", params={"limit": 500}).json()["total"]
    response = client.post(f"/sessions/{sid}/items", json={"code": "99", "body": "plenary", "minutes": 30, "title_en": "x" * 3000})
    assert response.status_code == 422 and errors(response) == [("title_en", "3000 characters; at most 2000 (PODIUM_MAX_TITLE_CHARS)")]
    bad = client.post(f"/sessions/{sid}/items", json={"code": "9\u202e9", "body": "plenary", "minutes": 30, "title_en": "x"})
    assert bad.status_code == 422 and errors(bad)[0][0] == "code"
    assert client.get(f"/sessions/{sid}/items", params={"limit": 500}).json()["total"] == before


def test_true_is_no_item_code(client):
    sid = import_example(client, "cop10-2020.yaml")
    response = client.post(f"/sessions/{sid}/items", json={"body": "plenary", "code": True, "minutes": 60})
    assert response.status_code == 422 and "code" in [e["path"] for e in response.json()["detail"]]


def test_a_method_the_path_does_not_answer_gets_405_naming_every_method_it_does(client):
    sid = import_example(client, "cop10-2020.yaml")
    assert client.request("OPTIONS", "/sessions").headers["allow"] == "GET, POST"
    assert client.request("PATCH", f"/sessions/{sid}").headers["allow"] == "DELETE, GET, PUT"
