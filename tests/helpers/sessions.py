"""Small sessions built in tests, in the session file format."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import yaml
from sqlalchemy.orm import Session as Db

from service.operations.sessions import import_session
from service.sessionfile import LoadedSession, parse
from tests.helpers import EXAMPLES

TWO_BODIES: dict[str, Any] = {
    "session": {"name_en": "Test session", "timezone": "Europe/Vienna", "first_day": "2024-03-04", "last_day": "2024-03-06"},
    "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}],
    "bodies": [
        {"key": "plenary", "name_en": "Plenary"},
        {"key": "cow", "name_en": "Committee of the Whole", "kind": "committee_of_the_whole"},
    ],
    "agenda": [
        {"code": "1", "body": "plenary", "minutes": 60, "exclusive": True, "title_en": "Opening"},
        {"code": "2", "body": "plenary", "minutes": 300, "title_en": "General debate"},
        {"code": "3", "body": "plenary", "minutes": 180, "title_en": "Adoption of the report"},
        {"code": "A", "body": "cow", "minutes": 180, "title_en": "Resolutions"},
        {"code": "B", "body": "cow", "minutes": 120, "title_en": "Budget"},
    ],
    "rules": {"interpreted_at_once": 2, "agenda_order": "strict"},
}


def session_file(base: dict[str, Any] = TWO_BODIES, **changes: Any) -> dict[str, Any]:
    """A deep copy of `base` with top-level sections replaced or, for dicts, updated."""
    data = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def session(base: dict[str, Any] = TWO_BODIES, **changes: Any) -> LoadedSession:
    return parse(session_file(base, **changes))


def wg2_wg3_with_rooms() -> dict[str, Any]:
    """The WG.2/WG.3 2022 session file with its meetings in two rooms (A, B in turn), so that rooms show in every rendering."""
    data = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text())
    data["rooms"] = [{"key": "A", "name": "Board room A"}, {"key": "B", "name": "Board room B"}]
    for n, meeting in enumerate(data["programme"]):
        meeting["room"] = "AB"[n % 2]
    return data


def stored(factory: Callable[[], Db], loaded: LoadedSession) -> int:
    """Import `loaded` in a transaction of its own (its programme as version 1); the new session's id."""
    with factory() as db:
        row = import_session(db, loaded)
        db.commit()
        return row.id
