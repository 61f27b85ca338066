"""A published programme as the frab-style schedule.json and schedule.xml that conference apps open (c3voc schema)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET
import zoneinfo
from typing import Any

from service.exports.annex.headings import printed_once
from service.exports.annex.labels import words
from service.exports.annex.table import slot_at
from service.exports.programme_json import meeting_id
from solver.problem import Session
from solver.programme import Meeting, Programme

SCHEMA = "https://c3voc.de/schedule/schema.json"
GENERATOR = {"name": "Podium", "version": "0.1.0"}
# Every guid is a name-based UUID under this namespace: the same meeting gets the same guid in every version.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:podium:schedule")


def acronym(session: Session, session_id: int) -> str:
    """The conference's short name in the schema's alphabet: its first symbol, 'ctoc_cop_2020_1'."""
    text = re.sub(r"[^a-z0-9]+", "_", (session.symbols[0] if session.symbols else "").lower()).strip("_")
    return text if len(text) >= 4 else f"session_{session_id}"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _items(session: Session, meeting: Meeting, lang: str) -> list[str]:
    """'1(a) Opening of the meeting', one line per item; a joint item once."""
    w = words(lang)
    return [
        (session.body(body).name(lang) if item.reserved else f"{item.code} {item.title(lang)}") + (w["continued"] if take.continued else "")
        for body, item, take in printed_once(session, meeting)
    ]


def _room(session: Session, meeting: Meeting, lang: str) -> str:
    """The meeting's room by name; without one, its (first) body, so that apps still give it a column."""
    rooms = {r.key: r.name for r in session.rooms}
    return rooms.get(meeting.room or "", meeting.room) or session.body(meeting.bodies[0]).name(lang)


def _events(session: Session, session_id: int, programme: Programme, lang: str, base_url: str) -> list[dict[str, Any]]:
    zone = zoneinfo.ZoneInfo(session.timezone)
    short = acronym(session, session_id)
    out = []
    for number, m in enumerate(programme.sorted().meetings, start=1):
        slot = slot_at(session, m.date, m.slot)
        key = meeting_id(m)
        lines = _items(session, m, lang)
        out.append({
            "id": number,
            "guid": str(uuid.uuid5(NAMESPACE, f"{short}/{key}")),
            "date": dt.datetime.combine(m.date, slot.start, zone).isoformat(),
            "start": slot.start.strftime("%H:%M"),
            "duration": _hhmm(slot.minutes),
            "room": _room(session, m, lang),
            "slug": f"{short}-{re.sub(r'[^a-z0-9_]+', '-', key.lower())}",
            "url": f"{base_url}/sessions/{session_id}/journal/{m.date.isoformat()}?lang={lang}",
            "title": " + ".join(session.body(b).name(lang) for b in m.bodies),
            "subtitle": lines[0] if len(lines) == 1 else None,
            "track": session.body(m.bodies[0]).name(lang),
            "type": "meeting",
            "language": lang,
            "abstract": "\n".join(lines),
            "description": "\n".join(lines),
            "persons": [],
            "links": [],
        })
    return out


def schedule_dict(session: Session, session_id: int, programme: Programme, version: int, lang: str, base_url: str) -> dict[str, Any]:
    """The schedule.json document: the conference, its rooms, and its days with each room's events."""
    zone = zoneinfo.ZoneInfo(session.timezone)
    events = _events(session, session_id, programme, lang, base_url.rstrip("/"))
    rooms = list(dict.fromkeys(e["room"] for e in events))
    days = []
    for index, day in enumerate(session.days(), start=1):
        slots = session.slots_on(day)
        todays = [e for e in events if e["date"].startswith(day.isoformat())]
        days.append({
            "index": index,
            "date": day.isoformat(),
            "day_start": dt.datetime.combine(day, min(s.start for s in slots), zone).isoformat(),
            "day_end": dt.datetime.combine(day, max(s.end for s in slots), zone).isoformat(),
            "rooms": {room: [e for e in todays if e["room"] == room] for room in rooms if any(e["room"] == room for e in todays)},
        })
    return {
        "$schema": SCHEMA,
        "generator": GENERATOR,
        "schedule": {
            "version": str(version),
            "base_url": base_url.rstrip("/") + "/",
            "conference": {
                "acronym": acronym(session, session_id),
                "title": session.name(lang),
                "start": session.first_day.isoformat(),
                "end": session.last_day.isoformat(),
                "daysCount": len(days),
                "timeslot_duration": "00:15",
                "time_zone_name": session.timezone,
                "rooms": [{"name": r, "guid": str(uuid.uuid5(NAMESPACE, f"{acronym(session, session_id)}/room/{r}"))} for r in rooms],
                "days": days,
            },
        },
    }


def render_schedule_json(session: Session, session_id: int, programme: Programme, version: int, lang: str, base_url: str) -> str:
    return json.dumps(schedule_dict(session, session_id, programme, version, lang, base_url), ensure_ascii=False, indent=2) + "\n"


def _text(parent: ET.Element, tag: str, value: Any) -> None:
    ET.SubElement(parent, tag).text = "" if value is None else str(value)


def render_schedule_xml(session: Session, session_id: int, programme: Programme, version: int, lang: str, base_url: str) -> str:
    """The schedule.xml document (c3voc schedule.xml.xsd): the same conference, days, rooms and events."""
    data = schedule_dict(session, session_id, programme, version, lang, base_url)["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", GENERATOR)
    _text(root, "version", data["version"])
    head = ET.SubElement(root, "conference")
    for tag in ("title", "acronym", "start", "end"):
        _text(head, tag, conference[tag])
    _text(head, "days", conference["daysCount"])
    _text(head, "timeslot_duration", conference["timeslot_duration"])
    _text(head, "base_url", data["base_url"])
    _text(head, "time_zone_name", conference["time_zone_name"])
    guids = {r["name"]: r["guid"] for r in conference["rooms"]}
    for day in conference["days"]:
        day_element = ET.SubElement(root, "day", {"index": str(day["index"]), "date": day["date"], "start": day["day_start"], "end": day["day_end"]})
        for room, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", {"name": room, "guid": guids[room]})
            for e in events:
                event = ET.SubElement(room_element, "event", {"id": str(e["id"]), "guid": e["guid"]})
                for tag in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug", "track", "language", "description"):
                    if e[tag] is not None:
                        _text(event, tag, e[tag])
                ET.SubElement(event, "persons")
                ET.SubElement(event, "links")
                _text(event, "url", e["url"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
