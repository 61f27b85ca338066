"""A programme as stored in a JSON column (versions and variants): meetings with their item takes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from solver.programme import ItemTake, Meeting, Programme


def programme_json(programme: Programme) -> list[dict[str, Any]]:
    return [
        {
            "date": m.date.isoformat(),
            "slot": m.slot.strftime("%H:%M"),
            "bodies": list(m.bodies),
            "room": m.room,
            "items": [{"body": t.body, "code": t.code, "minutes": t.minutes, "continued": t.continued} for t in m.items],
        }
        for m in programme.sorted().meetings
    ]


def programme_from_json(data: list[dict[str, Any]]) -> Programme:
    return Programme(
        tuple(
            Meeting(
                dt.date.fromisoformat(m["date"]),
                dt.time.fromisoformat(m["slot"]),
                tuple(m["bodies"]),
                tuple(ItemTake(t["body"], t["code"], t["minutes"], t["continued"]) for t in m["items"]),
                m["room"],
            )
            for m in data
        )
    )
