"""iCalendar feeds of a session's published programme: one VEVENT per meeting, stable across versions.

Meeting identity (the UID) is `service.published.meeting_uids`: a meeting that moves keeps its UID,
so a subscribed calendar moves the event instead of showing it twice; a meeting whose first item
changes is a new meeting: the old UID is cancelled, a new one appears.

History. SEQUENCE counts the published versions in which the meeting changed, as a subscriber
sees it, after it first appeared: its start, end, location, summary, description or status (moved,
other items, other room, dropped, restored); LAST-MODIFIED is the publish time of the last of them.
What a calendar does not show (per-item minutes) changes neither. A meeting that a later version drops stays as STATUS:CANCELLED while the latest
version is no more than `FeedOptions.keep_cancelled` younger than the one that dropped it, then
leaves the feed. DTSTAMP is the latest version's publish time, so the bytes of a feed depend only on
the versions, the selection and the language: a feed does not churn between fetches.

METHOD. A subscribed feed is a plain iCalendar object, not an iTIP message: METHOD:PUBLISH is
written only when `FeedOptions.organizer` is set, because RFC 5546 requires an ORGANIZER in every
VEVENT of a PUBLISH; without an organizer neither is written.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from icalendar import vDuration

from service.exports import ical_lines as ical
from service.exports.ical_timezone import vtimezone
from service.published import PublishedVersion, meeting_uids
from solver.problem import LANGUAGES, AgendaItem, Session
from solver.programme import ItemTake, Meeting

PRODID = "-//Podium//Programme of work feeds//EN"

LABELS: dict[str, dict[str, str]] = {
    "continued": {
        "ar": " (تابع)",
        "zh": "（续）",
        "en": " (continued)",
        "fr": " (suite)",
        "ru": " (продолжение)",
        "es": " (continuación)",
    },
    "documents": {
        "ar": "الوثائق",
        "zh": "文件",
        "en": "Documents",
        "fr": "Documents",
        "ru": "Документы",
        "es": "Documentos",
    },
    "cancelled": {
        "ar": "أُلغيت: ",
        "zh": "已取消：",
        "en": "Cancelled: ",
        "fr": "Annulée : ",
        "ru": "Отменено: ",
        "es": "Cancelada: ",
    },
    "selection": {
        "ar": "اختيار شخصي",
        "zh": "个人选择",
        "en": "personal selection",
        "fr": "sélection personnelle",
        "ru": "личная подборка",
        "es": "selección personal",
    },
}


@dataclass(frozen=True)
class Selection:
    """The meetings a feed shows: all (nothing selected), or those of some bodies, items or rooms."""

    bodies: frozenset[str] = frozenset()
    items: frozenset[tuple[str, str]] = frozenset()
    rooms: frozenset[str] = frozenset()

    def shows(self, meeting: Meeting) -> bool:
        if not (self.bodies or self.items or self.rooms):
            return True
        return bool(
            self.bodies.intersection(meeting.bodies)
            or self.items.intersection((t.body, t.code) for t in meeting.items)
            or meeting.room in self.rooms
        )

    def label(self, session: Session, lang: str) -> str:
        """What the selection is, for the calendar's name ("" for the whole session)."""
        parts = (self.bodies, self.items, self.rooms)
        if not any(parts):
            return ""
        if sum(len(p) for p in parts) > 1:
            return LABELS["selection"][lang]
        if self.bodies:
            return session.body(next(iter(self.bodies))).name(lang)
        if self.items:
            item = session.item(*next(iter(self.items)))
            return f"{session.body(item.body).name(lang)} {item.code} {item.title(lang)}"
        key = next(iter(self.rooms))
        return next((r.name for r in session.rooms if r.key == key), key)


@dataclass(frozen=True)
class FeedOptions:
    """How feeds are published: refresh hint, how long cancelled meetings stay, the organizer."""

    refresh: dt.timedelta = dt.timedelta(hours=1)
    keep_cancelled: dt.timedelta = dt.timedelta(days=30)
    organizer: str | None = None  # a `mailto:` address; with it the feed is a METHOD:PUBLISH
    organizer_name: str = ""


@dataclass(frozen=True)
class _Shown:
    """What a subscriber sees of a meeting, its status aside: SEQUENCE moves only when this changes."""

    start: dt.datetime
    end: dt.datetime
    location: str
    summary: str
    description: str


@dataclass(frozen=True)
class _Track:
    """What a feed knows of one meeting after some versions."""

    meeting: Meeting
    shown: _Shown
    sequence: int
    modified: dt.datetime
    cancelled_at: dt.datetime | None = None


def _history(
    session: Session, versions: list[PublishedVersion], selection: Selection, lang: str, keep_cancelled: dt.timedelta
) -> dict[str, _Track]:
    tracks: dict[str, _Track] = {}
    for v in versions:
        # Each version as it was published: its own slots, titles, rooms and timezone.
        present = {uid: m for uid, m in meeting_uids(v.session, v.programme, v.origin) if selection.shows(m)}
        for uid, m in present.items():
            t = tracks.get(uid)
            # Compared as rendered, not as Meeting: per-item minutes and the like are never shown.
            shown = _shown(v.session, m, lang, zoneinfo.ZoneInfo(session.timezone))
            if t is None:
                tracks[uid] = _Track(m, shown, 0, v.published_at)
            elif t.cancelled_at is not None or t.shown != shown:
                tracks[uid] = _Track(m, shown, t.sequence + 1, v.published_at)
        for uid, t in tracks.items():
            if uid not in present and t.cancelled_at is None:
                tracks[uid] = _Track(t.meeting, t.shown, t.sequence + 1, v.published_at, v.published_at)
    latest = versions[-1].published_at if versions else None
    return {
        uid: t
        for uid, t in tracks.items()
        if t.cancelled_at is None or latest - t.cancelled_at <= keep_cancelled
    }


SUMMARY_TITLES = 120  # characters of item titles in a SUMMARY, shared by its items
SHORTEST_TITLE = 24  # yet never cut shorter than this: a title's first words say what it is


def _shortened(title: str, width: int) -> str:
    """The title, or its first words within `width` characters and an ellipsis."""
    if len(title) <= width:
        return title
    cut = title[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:  # at a word where there are words; Chinese has no spaces to cut at
        cut = cut[:space]
    return cut.rstrip(" ,;:.(-–—") + "…"


def _shown_item(item: AgendaItem, lang: str, width: int) -> str:
    title = _shortened(item.title(lang), width)
    # A reserved block (e.g. "P", plenary time for draft resolutions) is printed by title, not code.
    return title if item.reserved else f"{item.code} {title}"


def summary(session: Session, meeting: Meeting, lang: str) -> str:
    """Body and items with titles, e.g. "Plenary: 2(a) Title; 2(b) Title"; long titles shortened.

    Headings only where nothing else is taken; the bodies of a joint meeting are separated by " — ".
    """
    shown: dict[str, list[AgendaItem]] = {}
    for body in meeting.bodies:
        items = [session.item(t.body, t.code) for t in meeting.items_of(body)]
        shown[body] = [i for i in items if not i.heading] or items
    width = max(SHORTEST_TITLE, SUMMARY_TITLES // max(1, sum(len(items) for items in shown.values())))
    return " — ".join(
        f"{session.body(body).name(lang)}: " + "; ".join(_shown_item(i, lang, width) for i in items)
        for body, items in shown.items()
    )


def _take_lines(session: Session, take: ItemTake, lang: str) -> list[str]:
    item = session.item(take.body, take.code)
    title = item.title(lang) if item.reserved else f"{item.code} {item.title(lang)}"
    lines = [title + (LABELS["continued"][lang] if take.continued else "")]
    if item.documents:
        lines.append(f"    {LABELS['documents'][lang]}: " + ", ".join(d.symbol for d in item.documents))
    return lines


def description(session: Session, meeting: Meeting, lang: str) -> str:
    """The items with titles, "(continued)" and document symbols; under each body in a joint meeting."""
    lines: list[str] = []
    for body in meeting.bodies:
        if len(meeting.bodies) > 1:
            lines.append(session.body(body).name(lang))
        for take in meeting.items_of(body):
            lines.extend(_take_lines(session, take, lang))
    return "\n".join(lines)


def calendar_description(session: Session, selection: Selection, lang: str) -> str:
    """The session, the selection and where and when, one a line: "…\nVienna, 2020-10-12 – 2020-10-16"."""
    # ISO dates read the same in every language of the feed.
    when = f"{session.first_day.isoformat()} – {session.last_day.isoformat()}"
    where = ", ".join(x for x in (session.venue, when) if x)
    return "\n".join(x for x in (session.name(lang), selection.label(session, lang), where) if x)


def meeting_times(session: Session, meeting: Meeting) -> tuple[dt.datetime, dt.datetime]:
    """Start and end of a meeting in the venue's timezone: its slot on its day."""
    zone = zoneinfo.ZoneInfo(session.timezone)
    slot = next(s for s in session.slots_on(meeting.date) if s.start == meeting.slot)
    return (
        dt.datetime.combine(meeting.date, slot.start, zone),
        dt.datetime.combine(meeting.date, slot.end, zone),
    )


def _location(session: Session, meeting: Meeting) -> str:
    room = next((r.name for r in session.rooms if r.key == meeting.room), meeting.room)
    return ", ".join(x for x in (room, session.venue) if x)


def _shown(session: Session, meeting: Meeting, lang: str, zone: zoneinfo.ZoneInfo) -> _Shown:
    # In the feed's timezone (the latest version's), which its VTIMEZONE describes.
    start, end = (t.astimezone(zone) for t in meeting_times(session, meeting))
    return _Shown(start, end, _location(session, meeting), summary(session, meeting, lang), description(session, meeting, lang))


def _event(
    session: Session, uid: str, track: _Track, stamp: str, lang: str, options: FeedOptions, page_url: str | None
) -> list[bytes]:
    shown = track.shown
    prefix = LABELS["cancelled"][lang] if track.cancelled_at else ""
    lines = [
        b"BEGIN:VEVENT\r\n",
        ical.content_line("UID", ical.text(uid)),
        ical.content_line("DTSTAMP", stamp),
        ical.content_line("DTSTART", ical.local(shown.start), tzid=session.timezone),
        ical.content_line("DTEND", ical.local(shown.end), tzid=session.timezone),
        ical.content_line("SEQUENCE", str(track.sequence)),
        ical.content_line("STATUS", "CANCELLED" if track.cancelled_at else "CONFIRMED"),
        ical.content_line("LAST-MODIFIED", ical.utc(track.modified)),
        ical.content_line("SUMMARY", ical.text(prefix + shown.summary), language=lang),
        ical.content_line("DESCRIPTION", ical.text(shown.description), language=lang),
    ]
    if shown.location:
        lines.append(ical.content_line("LOCATION", ical.text(shown.location)))
    if page_url:
        lines.append(ical.content_line("URL", page_url, value="URI"))
    if options.organizer:
        cn = {"cn": options.organizer_name} if options.organizer_name else {}
        lines.append(ical.content_line("ORGANIZER", options.organizer, **cn))
    lines.append(b"END:VEVENT\r\n")
    return lines


def render(
    session: Session,
    versions: list[PublishedVersion],
    selection: Selection = Selection(),
    lang: str = "en",
    options: FeedOptions = FeedOptions(),
    page_url: str | None = None,
) -> bytes:
    """The feed (UTF-8, CRLF, folded at 75 octets) of the published versions, oldest to latest.

    `session` (the latest version's) names the calendar and gives its timezone; each version's
    meetings are read with the session it was published with.

    `page_url` is the session's public annex page (e.g. `{base}/ui/sessions/{id}/annex`): the URL of
    the calendar and of every event when given.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    versions = sorted(versions, key=lambda v: v.number)
    name = ical.text(" — ".join(x for x in (session.name(lang), selection.label(session, lang)) if x))
    about = ical.text(calendar_description(session, selection, lang))
    refresh = vDuration(options.refresh).to_ical().decode()
    lines = [
        b"BEGIN:VCALENDAR\r\n",
        ical.content_line("VERSION", "2.0"),
        ical.content_line("PRODID", ical.text(PRODID)),
        ical.content_line("CALSCALE", "GREGORIAN"),
        *([ical.content_line("METHOD", "PUBLISH")] if options.organizer else []),
        ical.content_line("NAME", name),
        ical.content_line("X-WR-CALNAME", name),
        ical.content_line("DESCRIPTION", about, language=lang),
        ical.content_line("X-WR-CALDESC", about),
        *([ical.content_line("URL", page_url, value="URI")] if page_url else []),
        ical.content_line("X-WR-TIMEZONE", ical.text(session.timezone)),
        ical.content_line("REFRESH-INTERVAL", refresh, value="DURATION"),
        ical.content_line("X-PUBLISHED-TTL", refresh),
        # Only the session's years: a short VTIMEZONE, the same for every version of the session.
        vtimezone(session.timezone, session.first_day.year, session.last_day.year),
    ]
    tracks = _history(session, versions, selection, lang, options.keep_cancelled)
    stamp = ical.utc(versions[-1].published_at) if versions else ""
    for _, uid, track in sorted((t.shown.start, uid, t) for uid, t in tracks.items()):
        lines.extend(_event(session, uid, track, stamp, lang, options, page_url))
    lines.append(b"END:VCALENDAR\r\n")
    return b"".join(lines)
