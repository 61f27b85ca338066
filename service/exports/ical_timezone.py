"""VTIMEZONE components from zoneinfo, per RFC 5545 §3.6.5.

A VTIMEZONE here lists explicit onsets, no RRULE: one STANDARD or DAYLIGHT observance for the offset
in effect where the covered range starts, then one per transition that zoneinfo reports inside the
range. An RRULE would be shorter but is only right while a zone's current rules held, and zones
change them (Moscow 2011 and 2014, São Paulo 2019, Istanbul 2016); explicit onsets are right for
every zone and every year zoneinfo knows.

Each observance's DTSTART is the onset as a wall time in the offset before it (TZOFFSETFROM), as
§3.6.5 requires: Vienna's spring change is 02:00 with TZOFFSETFROM:+0100, not 03:00. The first
observance starts where the range starts, with TZOFFSETFROM equal to TZOFFSETTO: nothing before it
is described, and nothing in a feed needs it. Only properties that §3.6.5 allows are written: TZID
on the VTIMEZONE; DTSTART, TZOFFSETFROM, TZOFFSETTO and TZNAME on the observances.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

from service.exports import ical_lines as ical

UTC = dt.UTC
STEP = dt.timedelta(hours=6)  # two transitions of a zone are weeks apart: a step never spans both


@dataclass(frozen=True)
class Observance:
    """An offset that takes effect at `onset` (UTC): what one STANDARD or DAYLIGHT says."""

    onset: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str | None
    daylight: bool

    @property
    def wall_onset(self) -> dt.datetime:
        """The onset as the clocks read it just before the change (the DTSTART of §3.6.5)."""
        return (self.onset + self.offset_from).replace(tzinfo=None)


def _state(zone: zoneinfo.ZoneInfo, moment: dt.datetime) -> tuple:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.tzname(), bool(local.dst())


def _first_change(zone: zoneinfo.ZoneInfo, before: dt.datetime, after: dt.datetime) -> dt.datetime:
    """The first second in (before, after] whose state differs from `before`'s, by bisection."""
    state = _state(zone, before)
    while after - before > dt.timedelta(seconds=1):
        middle = before + (after - before) // 2
        middle = middle.replace(microsecond=0)
        if _state(zone, middle) == state:
            before = middle
        else:
            after = middle
    return after


def observances(tzid: str, start: dt.datetime, end: dt.datetime) -> list[Observance]:
    """The offset in effect at `start` and every transition in (start, end], oldest first (UTC bounds)."""
    zone = zoneinfo.ZoneInfo(tzid)
    offset, name, daylight = _state(zone, start)
    out = [Observance(start, offset, offset, name, daylight)]
    cursor = start
    while cursor < end:
        step = min(cursor + STEP, end)
        if _state(zone, step) == _state(zone, cursor):
            cursor = step
            continue
        cursor = _first_change(zone, cursor, step)
        offset, name, daylight = _state(zone, cursor)
        out.append(Observance(cursor, out[-1].offset_to, offset, name, daylight))
    return out


def _offset(delta: dt.timedelta) -> str:
    """A UTC-OFFSET value (§3.3.14): ±HHMM, or ±HHMMSS when seconds are not zero."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _component(observance: Observance) -> list[bytes]:
    kind = "DAYLIGHT" if observance.daylight else "STANDARD"
    lines = [
        ical.content_line("BEGIN", kind),
        ical.content_line("DTSTART", ical.local(observance.wall_onset)),
        ical.content_line("TZOFFSETFROM", _offset(observance.offset_from)),
        ical.content_line("TZOFFSETTO", _offset(observance.offset_to)),
    ]
    if observance.name:
        lines.append(ical.content_line("TZNAME", ical.text(observance.name)))
    lines.append(ical.content_line("END", kind))
    return lines


def range_of_years(tzid: str, first_year: int, last_year: int) -> tuple[dt.datetime, dt.datetime]:
    """UTC bounds that cover every wall time of the years: from local 1 December before to 1 February after."""
    zone = zoneinfo.ZoneInfo(tzid)
    return (
        dt.datetime(first_year - 1, 12, 1, tzinfo=zone).astimezone(UTC),
        dt.datetime(last_year + 1, 2, 1, tzinfo=zone).astimezone(UTC),
    )


@functools.lru_cache(maxsize=64)
def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE of an IANA zone for the years `first_year` to `last_year`, as content lines."""
    lines = [ical.content_line("BEGIN", "VTIMEZONE"), ical.content_line("TZID", ical.text(tzid))]
    for observance in observances(tzid, *range_of_years(tzid, first_year, last_year)):
        lines.extend(_component(observance))
    lines.append(ical.content_line("END", "VTIMEZONE"))
    return b"".join(lines)
