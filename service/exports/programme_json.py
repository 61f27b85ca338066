"""The programme as JSON (schema: openapi/programme.schema.json): session, bodies, rooms and meetings."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

from service.exports.annex.table import slot_at
from solver.problem import Session
from solver.programme import Meeting, Programme
from solver.search import relative_gap

SCHEMA_VERSION = 1
META_KEYS = ("status", "objective", "bound", "version", "generated_at")


def meeting_id(meeting: Meeting) -> str:
    """Stable across renderings: the same date, slot and bodies give the same id."""
    return f"{meeting.date.isoformat()}T{meeting.slot:%H%M}-{'+'.join(meeting.bodies)}"


def _meeting(session: Session, meeting: Meeting, zone: zoneinfo.ZoneInfo, lang: str) -> dict[str, Any]:
    slot = slot_at(session, meeting.date, meeting.slot)
    return {
        "id": meeting_id(meeting),
        "date": meeting.date.isoformat(),
        "slot": slot.key,
        "start": dt.datetime.combine(meeting.date, slot.start, zone).isoformat(),
        "end": dt.datetime.combine(meeting.date, slot.end, zone).isoformat(),
        "bodies": list(meeting.bodies),
        "room": meeting.room,
        "items": [
            {
                "body": t.body,
                "code": t.code,
                "title": session.item(t.body, t.code).title(lang),
                "reserved": session.item(t.body, t.code).reserved,
                "minutes": t.minutes,
                "continued": t.continued,
            }
            for t in meeting.items
        ],
    }


def programme_dict(session: Session, programme: Programme, lang: str = "en", meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON document as a dict; `meta` may carry status, objective, bound, version and generated_at.

    The gap follows from a numeric objective and bound: how far from the best possible the
    programme may still be (0 when proved optimal).
    """
    meta = meta or {}
    unknown = set(meta) - set(META_KEYS)
    if unknown:
        raise ValueError(f"unknown meta keys: {', '.join(sorted(unknown))}")
    zone = zoneinfo.ZoneInfo(session.timezone)
    generated = meta.get("generated_at") or dt.datetime.now(dt.UTC)
    return {
        "schema_version": SCHEMA_VERSION,
        "status": meta.get("status"),
        "objective": meta.get("objective"),
        "bound": meta.get("bound"),
        "gap": _gap(meta.get("objective"), meta.get("bound")),
        "version": meta.get("version"),
        "generated_at": generated.isoformat() if isinstance(generated, dt.datetime) else generated,
        "lang": lang,
        "session": {
            "name": session.name(lang),
            "symbols": list(session.symbols),
            "venue": session.venue,
            "timezone": session.timezone,
            "first_day": session.first_day.isoformat(),
            "last_day": session.last_day.isoformat(),
            "format": session.format,
        },
        "bodies": [{"key": b.key, "name": b.name(lang), "kind": b.kind, "interpreted": b.interpreted} for b in session.bodies],
        "rooms": [{"key": r.key, "name": r.name, "seats": r.seats} for r in session.rooms],
        "meetings": [_meeting(session, m, zone, lang) for m in programme.sorted().meetings],
    }


def _gap(objective: Any, bound: Any) -> float | None:
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (objective, bound))
    return round(relative_gap(objective, bound), 4) if numbers else None


def render_json(session: Session, programme: Programme, lang: str = "en", meta: dict[str, Any] | None = None) -> str:
    return json.dumps(programme_dict(session, programme, lang, meta), ensure_ascii=False, indent=2) + "\n"
