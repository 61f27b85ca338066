"""Published versions of the WG.2/WG.3 2022 programme for the feed tests, and ways to read a feed back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import icalendar

from service.published import PublishedVersion
from solver.problem import Session
from solver.programme import Meeting, Programme, mark_continued

PUBLISHED_1 = dt.datetime(2022, 5, 2, 9, 0, tzinfo=dt.UTC)
PUBLISHED_2 = dt.datetime(2022, 5, 16, 14, 30, tzinfo=dt.UTC)

# Version 2 moves WG.2's Wednesday afternoon (item 3 continued) to the free Friday afternoon and
# drops WG.2's Thursday morning (items 4 and 5).
MOVED_FROM = (dt.date(2022, 5, 25), dt.time(15, 0))
MOVED_TO = (dt.date(2022, 5, 27), dt.time(15, 0))
DROPPED = (dt.date(2022, 5, 26), dt.time(10, 0))


def meeting_at(programme: Programme, day: dt.date, slot: dt.time) -> Meeting:
    return next(m for m in programme.meetings if (m.date, m.slot) == (day, slot))


def revised(session: Session, programme: Programme) -> Programme:
    """Version 2's programme: one meeting moved, one dropped."""
    meetings = []
    for m in programme.meetings:
        if (m.date, m.slot) == MOVED_FROM:
            meetings.append(dataclasses.replace(m, date=MOVED_TO[0], slot=MOVED_TO[1]))
        elif (m.date, m.slot) != DROPPED:
            meetings.append(m)
    return mark_continued(session, Programme(tuple(meetings)))


def versions(session: Session, programme: Programme, count: int = 2) -> list[PublishedVersion]:
    """The first `count` published versions: as published, then revised."""
    out = [PublishedVersion(1, PUBLISHED_1, programme, session)]
    if count > 1:
        out.append(PublishedVersion(2, PUBLISHED_2, revised(session, programme), session))
    return out


def events(feed: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(feed).walk("VEVENT"))


def event_at(feed: bytes, day: dt.date, slot: dt.time) -> icalendar.Event:
    return next(e for e in events(feed) if (e.start.date(), e.start.time()) == (day, slot))
