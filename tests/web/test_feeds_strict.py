"""Every kind of feed, in each of the six languages, as served: parsed strictly by `ical` and without errors by `icalendar`."""

from __future__ import annotations

import json

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from solver.problem import LANGUAGES
from tests.helpers.sessions import wg2_wg3_with_rooms


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_feed_kind_parses_strictly_in_every_language(client, lang):
    imported = client.post("/sessions/import", content=json.dumps(wg2_wg3_with_rooms(), default=str), headers={"content-type": "application/json"})
    sid = imported.json()["id"]
    personal = client.post(f"/sessions/{sid}/feeds/personal", json={"bodies": ["wg3"], "items": [{"body": "wg2", "code": "3"}]})
    kinds = {
        "session": f"/sessions/{sid}/feed.ics", "body": f"/sessions/{sid}/bodies/wg2/feed.ics",
        "item": f"/sessions/{sid}/items/wg3/3/feed.ics", "room": f"/sessions/{sid}/rooms/B/feed.ics",
        "personal": f"/feeds/{personal.json()['token']}.ics",
    }
    for kind, path in kinds.items():
        response = client.get(path, params={"lang": lang})
        assert response.status_code == 200, (kind, response.text)
        strict = IcsCalendarStream.calendar_from_ics(response.text)
        assert strict.events, kind
        tolerant = icalendar.Calendar.from_ical(response.content)
        assert [(kind, c.name, c.errors) for c in tolerant.walk() if c.errors] == []
        assert len(list(tolerant.walk("VEVENT"))) == len(strict.events), kind
