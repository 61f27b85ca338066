"""What changed between published versions: new, cancelled and moved meetings and room changes, as JSON and Atom.

A meeting keeps its identity across versions as in the calendar feeds (`service.published.meeting_uids`:
bodies, first item and occurrence), so a meeting that moves is reported as moved, not as one
cancelled and one new; a meeting that changes its items but not its slot is reported as `items`.
Each version is read with the session it was published with (its snapshot): a body renamed since
names the meeting as the version did.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from service.exports.plain import plain
from service.published import PublishedVersion, meeting_uids
from solver.problem import Session
from solver.programme import Meeting, Programme

KINDS = ("new", "cancelled", "moved", "room", "items")
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Place:
    date: dt.date
    slot: dt.time
    room: str | None

    def json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "slot": f"{self.slot:%H:%M}", "room": self.room}

    def text(self) -> str:
        return f"{self.date:%a %d %b %Y} {self.slot:%H:%M}" + (f" ({self.room})" if self.room else "")


@dataclass(frozen=True)
class Entry:
    """One meeting that changed: what kinds of change, where it was and where it is."""

    uid: str
    kinds: tuple[str, ...]
    bodies: tuple[str, ...]
    items: tuple[str, ...]  # "body code" as the later version takes them (the earlier, when cancelled)
    before: Place | None
    after: Place | None
    session: Session = field(compare=False, repr=False)  # the one that names its bodies: the later version's (the earlier's, when cancelled)

    def text(self, lang: str = "en") -> str:
        who = " + ".join(self.session.body(b).name(lang) for b in self.bodies)
        what = f"{who}: {', '.join(self.items)}" if self.items else who
        if "new" in self.kinds:
            return f"New meeting {self.after.text()} — {what}"
        if "cancelled" in self.kinds:
            return f"Cancelled {self.before.text()} — {what}"
        parts = []
        if "moved" in self.kinds:
            parts.append(f"moved from {self.before.date:%a %d %b %Y} {self.before.slot:%H:%M} to {self.after.date:%a %d %b %Y} {self.after.slot:%H:%M}")
        if "room" in self.kinds:
            parts.append(f"room changed from {self.before.room or 'none'} to {self.after.room or 'none'}")
        if "items" in self.kinds:
            parts.append("items changed")
        return f"{what} — {'; '.join(parts)}"

    def json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "uid": self.uid,
            "kinds": list(self.kinds),
            "bodies": list(self.bodies),
            "items": list(self.items),
            "before": self.before.json() if self.before else None,
            "after": self.after.json() if self.after else None,
            "text": self.text(lang),
        }


def _place(m: Meeting) -> Place:
    return Place(m.date, m.slot, m.room)


def _items(m: Meeting) -> tuple[str, ...]:
    return tuple(f"{t.body} {t.code}" for t in m.items)


def _without_headings(session: Session, programme: Programme) -> Programme:
    headings = {i.ref for i in session.agenda if i.heading}
    return Programme(tuple(dataclasses.replace(m, items=tuple(t for t in m.items if (t.body, t.code) not in headings)) for m in programme.meetings))


def changes(session: Session, before: Programme, after: Programme, before_session: Session | None = None, origin: str | None = None) -> list[Entry]:
    """Every meeting that is new, cancelled, moved, in another room or with other items, in date order.

    `after` is read with `session`, `before` with `before_session` (the session it was published
    with) when given, else `session`. Headings are left out first: whether a table prints "1" before
    "1(a)" does not make another meeting. `origin` is the published versions' (`PublishedVersion.origin`).
    """
    earlier = before_session or session
    old = dict(meeting_uids(earlier, _without_headings(earlier, before), origin))
    new = dict(meeting_uids(session, _without_headings(session, after), origin))
    out = []
    for uid in old.keys() | new.keys():
        a, b = old.get(uid), new.get(uid)
        if a is None:
            out.append(Entry(uid, ("new",), b.bodies, _items(b), None, _place(b), session))
        elif b is None:
            out.append(Entry(uid, ("cancelled",), a.bodies, _items(a), _place(a), None, earlier))
        else:
            kinds = tuple(k for k, changed in (
                ("moved", (a.date, a.slot) != (b.date, b.slot)),
                ("room", a.room != b.room),
                ("items", _items(a) != _items(b)),
            ) if changed)
            if kinds:
                out.append(Entry(uid, kinds, b.bodies, _items(b), _place(a), _place(b), session))
    return sorted(out, key=lambda e: ((e.after or e.before).date, (e.after or e.before).slot, e.bodies, e.uid))


def between(before: PublishedVersion | None, after: PublishedVersion) -> list[Entry]:
    """The changes from one version (or from nothing) to another, each read with its own session."""
    if before is None:
        return changes(after.session, Programme(), after.programme, origin=after.origin)
    return changes(after.session, before.programme, after.programme, before.session, after.origin)


def log_json(before: PublishedVersion, after: PublishedVersion, lang: str = "en") -> dict[str, Any]:
    """The change log between two versions as JSON."""
    return {
        "from_version": before.number,
        "to_version": after.number,
        "from_published_at": before.published_at.isoformat(),
        "to_published_at": after.published_at.isoformat(),
        "changes": [e.json(lang) for e in between(before, after)],
    }


def atom(session: Session, versions: list[PublishedVersion], since: int, feed_id: str, self_url: str,
         version_url: str, lang: str = "en") -> bytes:
    """An Atom feed with one entry per version after `since`, listing what it changed against the one before.

    `session` (the latest version's) names the feed.

    `version_url` is formatted with `number=` to link each entry to its version's page.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    name = session.name(lang) or session.name("en")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{name} — programme changes"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Podium"
    shown = [v for v in versions if v.number > since]
    updated = max((v.published_at for v in shown), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    previous = {v.number: p for p, v in zip(versions, versions[1:])}
    for v in reversed(shown):
        earlier = previous.get(v.number)
        entries = between(earlier, v)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        against = f" (against version {earlier.number})" if earlier else ""
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"Version {v.number}: {len(entries)} change{'s' * (len(entries) != 1)}{against}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{feed_id}:version:{v.number}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = v.published_at.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=version_url.format(number=v.number))
        ET.SubElement(entry, f"{{{ATOM}}}content", type="text").text = "\n".join(e.text(lang) for e in entries) or "No change."
    for element in feed.iter():  # ElementTree writes any character, even those XML cannot hold
        if element.text:
            element.text = plain(element.text)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
