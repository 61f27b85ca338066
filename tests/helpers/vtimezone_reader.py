"""A small reader of an embedded VTIMEZONE that converts times by its observances alone, not zoneinfo."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

UTC = dt.UTC


@dataclass(frozen=True)
class Onset:
    """One observance's onset: its DTSTART (wall time in TZOFFSETFROM) and the two offsets."""

    wall: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta

    @property
    def utc(self) -> dt.datetime:
        return (self.wall - self.offset_from).replace(tzinfo=UTC)


def _offset(value: str) -> dt.timedelta:
    match = re.fullmatch(r"([+-])(\d\d)(\d\d)(\d\d)?", value)
    assert match, f"not a UTC-OFFSET: {value!r}"
    sign, hours, minutes, seconds = match.groups()
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes), seconds=int(seconds or 0))
    return -delta if sign == "-" else delta


def components(feed: bytes) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Every component as (its BEGIN path, its own property lines as (name with params, value))."""
    lines = feed.decode("utf-8").replace("\r\n ", "").split("\r\n")
    stack: list[tuple[list[str], list[tuple[str, str]]]] = []
    out = []
    for line in filter(None, lines):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(([*(stack[-1][0] if stack else []), value], []))
        elif name == "END":
            out.append(stack.pop())
        else:
            stack[-1][1].append((name, value))
    return out


class EmbeddedZone:
    """The onsets of one VTIMEZONE; explicit DTSTART and RDATE only (an RRULE is refused)."""

    def __init__(self, feed: bytes, tzid: str):
        parsed = components(feed)
        zones = [dict(props).get("TZID") for path, props in parsed if path[-1] == "VTIMEZONE"]
        assert zones == [tzid], f"expected one VTIMEZONE, {tzid}; found {zones}"
        self.onsets: list[Onset] = []
        for path, props in parsed:
            if path[-2:] not in (["VTIMEZONE", "STANDARD"], ["VTIMEZONE", "DAYLIGHT"]):
                continue
            values = dict(props)
            assert "RRULE" not in values, "this reader handles explicit onsets only"
            starts = [values["DTSTART"], *(r for n, v in props if n == "RDATE" for r in v.split(","))]
            for start in starts:
                self.onsets.append(
                    Onset(dt.datetime.strptime(start, "%Y%m%dT%H%M%S"), _offset(values["TZOFFSETFROM"]), _offset(values["TZOFFSETTO"]))
                )
        assert self.onsets, f"no observance for {tzid}"
        self.onsets.sort(key=lambda o: o.utc)

    def offset_at(self, moment: dt.datetime) -> dt.timedelta:
        """The offset in effect at a UTC instant: that of the last onset at or before it."""
        before = [o for o in self.onsets if o.utc <= moment]
        assert before, f"{moment} precedes the first observance"
        return before[-1].offset_to

    def to_utc(self, wall: dt.datetime) -> dt.datetime:
        """A local time in UTC; in a gap or an overlap the offset before the change holds (RFC 5545 §3.3.5)."""
        assert self.onsets[0].wall <= wall, f"{wall} precedes the first observance"
        offset = self.onsets[0].offset_to
        for onset in self.onsets[1:]:
            # Wall times from the onset up to the end of a gap or an overlap keep the earlier offset.
            if wall >= onset.wall + max(dt.timedelta(0), onset.offset_to - onset.offset_from):
                offset = onset.offset_to
        return (wall - offset).replace(tzinfo=UTC)
