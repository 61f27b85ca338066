"""A published version is a frozen record: editing or deleting the session's parts afterwards changes drafts only.

For each kind of edit, every public route of every version answers 200 with the same bytes as before it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import icalendar
import pytest
from fastapi.testclient import TestClient

from tests.helpers.sessions import wg2_wg3_with_rooms

LANGS = ("en", "fr")
FORMATS = ("text", "md", "html", "docx", "json")


def _import_with_rooms(client: TestClient) -> int:
    response = client.post("/sessions/import", content=json.dumps(wg2_wg3_with_rooms(), default=str), headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _publish_second_version(client: TestClient, sid: int) -> None:
    variant = client.post(f"/sessions/{sid}/variants", json={"name": "again", "version": 1})
    assert variant.status_code == 201, variant.text
    published = client.post(f"/sessions/{sid}/versions", json={"variant_id": variant.json()["id"], "note": "second"})
    assert published.status_code == 201, published.text


def _public_routes(client: TestClient, sid: int) -> list[str]:
    """Every public rendering of both versions, named by the session's parts as published."""
    body = client.get(f"/sessions/{sid}/bodies").json()["items"][0]["key"]
    room = client.get(f"/sessions/{sid}/rooms").json()["items"][0]["key"]
    routes = [f"/sessions/{sid}/versions", f"/sessions/{sid}/changes.atom", f"/sessions/{sid}/versions/1/changes/2",
              f"/sessions/{sid}/versions/1/changes/2?format=atom", f"/sessions/{sid}/feeds"]
    for lang in LANGS:
        routes += [f"/sessions/{sid}/feed.ics?lang={lang}", f"/sessions/{sid}/bodies/{body}/feed.ics?lang={lang}",
                   f"/sessions/{sid}/rooms/{room}/feed.ics?lang={lang}", f"/ui/sessions/{sid}/annex?lang={lang}",
                   f"/ui/sessions/{sid}/versions?lang={lang}"]
        routes += [f"/sessions/{sid}/programme?format={f}&lang={lang}" for f in FORMATS]
        for n in (1, 2):
            routes += [f"/sessions/{sid}/versions/{n}", f"/ui/sessions/{sid}/versions/{n}?lang={lang}"]
            routes += [f"/sessions/{sid}/versions/{n}/programme?format={f}&lang={lang}" for f in FORMATS]
    return routes


def _last(client: TestClient, sid: int, part: str) -> dict:
    # The last: an afternoon slot (no pin names it), an item no other has as its parent.
    return client.get(f"/sessions/{sid}/{part}").json()["items"][-1]


def _replace(client: TestClient, sid: int, part: str, change: Callable[[dict], dict]) -> None:
    row = _last(client, sid, part)
    body = change({k: v for k, v in row.items() if k != "id"})
    response = client.put(f"/sessions/{sid}/{part}/{row['id']}", json=body)
    assert response.status_code == 200, response.text


def _delete(client: TestClient, sid: int, part: str, **match: str) -> None:
    rows = client.get(f"/sessions/{sid}/{part}").json()["items"]
    row = next(r for r in reversed(rows) if match.items() <= r.items())
    response = client.delete(f"/sessions/{sid}/{part}/{row['id']}")
    assert response.status_code == 204, response.text


def _later(hhmm: str) -> str:
    return f"{int(hhmm[:2]) + 1:02d}{hhmm[2:]}"


def _edit_session(client: TestClient, sid: int, **change: object) -> None:
    stored = client.get(f"/sessions/{sid}").json()
    body = {k: v for k, v in stored.items() if k not in ("id", "version")}
    response = client.put(f"/sessions/{sid}", json={**body, **change})
    assert response.status_code == 200, response.text


EDITS: dict[str, Callable[[TestClient, int], None]] = {
    "slot time": lambda c, sid: _replace(c, sid, "slots", lambda s: {**s, "start": _later(s["start"]), "end": _later(s["end"])}),
    "slot label": lambda c, sid: _replace(c, sid, "slots", lambda s: {**s, "label_en": "EDITED"}),
    "body key and name": lambda c, sid: _replace(c, sid, "bodies", lambda b: {**b, "key": "renamed", "name_en": "Renamed"}),
    "item title": lambda c, sid: _replace(c, sid, "items", lambda i: {**i, "title_en": "EDITED", "title_fr": "MODIFIÉ"}),
    # An item with no sub-items and taken jointly with none: the operations let it go.
    "item deleted": lambda c, sid: _delete(c, sid, "items", body="wg2", code="3"),
    "room deleted": lambda c, sid: _delete(c, sid, "rooms"),
    "timezone": lambda c, sid: _edit_session(c, sid, timezone="Asia/Tokyo"),
    "session symbol and name": lambda c, sid: _edit_session(c, sid, symbols=["EDITED/1"], name_en="Edited"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_editing_the_session_after_publishing_changes_no_public_rendering(client, edit):
    sid = _import_with_rooms(client)
    _publish_second_version(client, sid)
    routes = _public_routes(client, sid)
    before = {}
    for route in routes:
        response = client.get(route)
        assert response.status_code == 200, (route, response.text)
        before[route] = response.content
    EDITS[edit](client, sid)
    after = {route: client.get(route) for route in routes}
    assert {r: a.status_code for r, a in after.items() if a.status_code != 200} == {}
    changed = [r for r in routes if after[r].content != before[r]]
    assert not changed, "\n".join(changed)


def _events(client: TestClient, sid: int) -> dict[str, str]:
    """Each event of the session feed by UID, with its SEQUENCE."""
    feed = icalendar.Calendar.from_ical(client.get(f"/sessions/{sid}/feed.ics").content)
    return {str(e["UID"]): str(e.get("SEQUENCE", 0)) for e in feed.walk("VEVENT")}


def test_a_renamed_session_keeps_its_meetings_uids_in_later_versions(client):
    sid = _import_with_rooms(client)
    before = _events(client, sid)
    _edit_session(client, sid, symbols=["EDITED/1"], name_en="Edited")
    _publish_second_version(client, sid)
    assert _events(client, sid) == before
