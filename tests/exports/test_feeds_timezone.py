"""The embedded VTIMEZONE: RFC 5545 §3.6.5 onsets and properties, and the same UTC as zoneinfo for any zone."""

import dataclasses
import datetime as dt
import functools
import zoneinfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream

from service.exports.calendar import meeting_times, render
from service.exports.ical_timezone import range_of_years, vtimezone
from tests.helpers.feedcases import events, versions
from tests.helpers.vtimezone_reader import EmbeddedZone, components

UTC = dt.UTC
MINUTE = dt.timedelta(minutes=1)

ZONES = [
    "Europe/Vienna", "America/New_York", "America/Santiago", "Australia/Sydney", "Pacific/Auckland",
    "Africa/Nairobi", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Tehran",
    "Africa/Casablanca", "Europe/Moscow", "America/Sao_Paulo", "Pacific/Apia", "Asia/Pyongyang",
    "Europe/Istanbul", "America/St_Johns", "Asia/Shanghai", "Europe/London", "America/Caracas",
    "Pacific/Chatham", "UTC", "Europe/Dublin", "Pacific/Kiritimati", "America/Havana",
]

# RFC 5545 §3.6.5: what a VTIMEZONE and its observances may hold (X- properties aside).
ALLOWED = {
    "VTIMEZONE": {"TZID", "LAST-MODIFIED", "TZURL"},
    "STANDARD": {"DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE", "COMMENT", "RDATE", "TZNAME"},
    "DAYLIGHT": {"DTSTART", "TZOFFSETTO", "TZOFFSETFROM", "RRULE", "COMMENT", "RDATE", "TZNAME"},
}
REQUIRED = {"VTIMEZONE": {"TZID"}, "STANDARD": {"DTSTART", "TZOFFSETTO", "TZOFFSETFROM"}}
REQUIRED["DAYLIGHT"] = REQUIRED["STANDARD"]


def observance_lines(tzid, year) -> list[list[str]]:
    """Each observance's lines, in order, without BEGIN and END."""
    blocks = vtimezone(tzid, year, year).decode().split("BEGIN:")[2:]
    return [[line for line in b.split("\r\n")[1:] if line and not line.startswith("END:")] for b in blocks]


@functools.cache
def zoneinfo_transitions(tzid: str, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """Every instant where zoneinfo's offset changes, found by hour steps then minutes (independent of the module)."""
    zone = zoneinfo.ZoneInfo(tzid)

    def offset(moment):
        return moment.astimezone(zone).utcoffset()

    found, moment = [], start
    while moment < end:
        following = moment + dt.timedelta(hours=1)
        if offset(following) != offset(moment):
            found.append(next(m for m in (moment + k * MINUTE for k in range(1, 61)) if offset(m) != offset(moment)))
        moment = following
    return found


def test_vienna_springs_forward_at_two_in_the_wall_time_before_the_change():
    assert ["DTSTART:20200329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST"] in observance_lines(
        "Europe/Vienna", 2020
    )


def test_vienna_falls_back_at_three_in_the_wall_time_before_the_change():
    assert ["DTSTART:20201025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET"] in observance_lines(
        "Europe/Vienna", 2020
    )


@pytest.mark.parametrize(("tzid", "offset", "name"), [("Africa/Nairobi", "+0300", "EAT"), ("Asia/Kolkata", "+0530", "IST"), ("UTC", "+0000", "UTC")])
def test_a_zone_without_transitions_has_one_standard_observance_with_its_fixed_offset(tzid, offset, name):
    assert observance_lines(tzid, 2022) == [
        ["DTSTART:20211201T000000", f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}", f"TZNAME:{name}"]
    ]
    assert "BEGIN:STANDARD" in vtimezone(tzid, 2022, 2022).decode()


def test_a_zone_whose_dst_was_abolished_stops_changing():
    assert len(observance_lines("America/Sao_Paulo", 2018)) == 3  # 2018's two changes, and none in 2019
    assert len(observance_lines("America/Sao_Paulo", 2020)) == 1


@pytest.mark.parametrize("tzid", ZONES)
def test_the_vtimezone_holds_only_properties_rfc_5545_allows(tzid):
    for path, props in components(vtimezone(tzid, 2010, 2024)):
        names = {name.split(";")[0] for name, _ in props}
        assert names - ALLOWED[path[-1]] == {n for n in names if n.startswith("X-")}, (path, names)
        assert REQUIRED[path[-1]] <= names, (path, names)


@pytest.mark.parametrize("tzid", ZONES)
@settings(max_examples=8, deadline=None)
@given(first_year=st.integers(1995, 2035), span=st.integers(0, 2))
def test_every_transition_converts_as_zoneinfo_does_a_minute_either_side(tzid, first_year, span):
    start, end = range_of_years(tzid, first_year, first_year + span)
    embedded = EmbeddedZone(vtimezone(tzid, first_year, first_year + span), tzid)
    zone = zoneinfo.ZoneInfo(tzid)
    for change in zoneinfo_transitions(tzid, start, end):
        for moment in (change - MINUTE, change, change + MINUTE):
            assert embedded.offset_at(moment) == moment.astimezone(zone).utcoffset(), moment
        before, after = (change - MINUTE).astimezone(zone).utcoffset(), change.astimezone(zone).utcoffset()
        for wall_offset in (before, after):  # either edge of the gap or the overlap, on the wall
            for step in (-MINUTE, dt.timedelta(0), MINUTE):
                wall = (change + wall_offset + step).replace(tzinfo=None)
                assert embedded.to_utc(wall) == wall.replace(tzinfo=zone).astimezone(UTC), wall


@pytest.mark.parametrize("tzid", ZONES)
@settings(max_examples=20, deadline=None, derandomize=True)
@given(
    first_year=st.integers(1995, 2035),
    span=st.integers(0, 2),
    wall=st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2037, 12, 31)).map(lambda w: w.replace(second=0, microsecond=0, fold=0)),  # RFC 5545: an ambiguous time is its first occurrence
)
def test_any_wall_time_in_the_years_converts_as_zoneinfo_does(tzid, first_year, span, wall):
    wall = wall.replace(year=first_year + wall.year % (span + 1), day=min(wall.day, 28))
    embedded = EmbeddedZone(vtimezone(tzid, first_year, first_year + span), tzid)
    assert embedded.to_utc(wall) == wall.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).astimezone(UTC)


def in_zone(loaded, tzid):
    return dataclasses.replace(loaded.session, timezone=tzid)


@pytest.mark.parametrize("tzid", ZONES)
def test_every_meeting_converts_with_the_embedded_vtimezone_alone(wg2_wg3, tzid):
    session = in_zone(wg2_wg3, tzid)
    feed = render(session, versions(session, wg2_wg3.programme, 1))
    embedded = EmbeddedZone(feed, tzid)
    expected = sorted(t.astimezone(UTC) for m in wg2_wg3.programme.meetings for t in meeting_times(session, m))
    shown = sorted(embedded.to_utc(e[key].dt.replace(tzinfo=None)) for e in events(feed) for key in ("DTSTART", "DTEND"))
    assert shown == expected


@pytest.mark.parametrize("tzid", ZONES)
def test_the_feed_parses_strictly_with_ical_and_without_errors_with_icalendar(wg2_wg3, tzid):
    session = in_zone(wg2_wg3, tzid)
    feed = render(session, versions(session, wg2_wg3.programme))
    assert len(IcsCalendarStream.calendar_from_ics(feed.decode()).events) == len(events(feed))
    assert [(c.name, c.errors) for c in icalendar.Calendar.from_ical(feed).walk() if c.errors] == []
