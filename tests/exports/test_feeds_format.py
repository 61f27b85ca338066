"""The bytes of a feed: strict parsing by two libraries, round trip, CRLF, folding, timezone, determinism."""

import datetime as dt
import os
import subprocess
import sys

import icalendar
from ical.calendar_stream import IcsCalendarStream

from service.exports.calendar import render
from tests.helpers import ROOT
from tests.helpers.feedcases import events, versions

UTC = dt.UTC


def feed(loaded, lang="en") -> bytes:
    return render(loaded.session, versions(loaded.session, loaded.programme), lang=lang)


def test_the_ical_package_parses_the_feed_strictly_with_every_event(wg2_wg3):
    calendar = IcsCalendarStream.calendar_from_ics(feed(wg2_wg3).decode("utf-8"))
    assert len(calendar.events) == len(events(feed(wg2_wg3)))


def test_icalendar_parses_the_feed_without_errors(wg2_wg3):
    calendar = icalendar.Calendar.from_ical(feed(wg2_wg3))
    assert [(c.name, c.errors) for c in calendar.walk() if c.errors] == []


def test_icalendar_writes_back_the_same_bytes(wg2_wg3):
    assert icalendar.Calendar.from_ical(feed(wg2_wg3, "zh")).to_ical(sorted=False) == feed(wg2_wg3, "zh")


def test_the_ical_package_writes_back_the_same_events(wg2_wg3):
    parsed = IcsCalendarStream.calendar_from_ics(feed(wg2_wg3, "zh").decode("utf-8"))
    again = IcsCalendarStream.calendar_from_ics(IcsCalendarStream.calendar_to_ics(parsed))
    assert again.events == parsed.events


def test_every_line_ends_with_crlf(wg2_wg3):
    body = feed(wg2_wg3)
    assert body.endswith(b"\r\n")
    assert body.count(b"\n") == body.count(b"\r\n")


def test_lines_fold_at_75_octets_without_splitting_a_chinese_character(wg2_wg3):
    lines = feed(wg2_wg3, "zh").split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(len(line) > 70 and line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode("utf-8")  # a character split across a fold would not decode


def test_chinese_titles_survive_folding_intact(wg2_wg3):
    descriptions = "\n".join(e["DESCRIPTION"] for e in events(feed(wg2_wg3, "zh")))
    assert "与联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制有关的事项" in descriptions


def test_times_are_local_to_the_venue_with_its_vtimezone(wg2_wg3):
    text = feed(wg2_wg3).decode()
    assert "\r\nDTSTART;TZID=Europe/Vienna:20220523T100000\r\n" in text
    assert "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n" in text


def test_ten_in_the_morning_in_vienna_in_may_is_eight_utc(wg2_wg3):
    first = IcsCalendarStream.calendar_from_ics(feed(wg2_wg3).decode()).events[0]
    assert first.dtstart.astimezone(UTC) == dt.datetime(2022, 5, 23, 8, 0, tzinfo=UTC)
    assert events(feed(wg2_wg3))[0].start.astimezone(UTC) == dt.datetime(2022, 5, 23, 8, 0, tzinfo=UTC)


def test_the_same_versions_give_the_same_bytes(wg2_wg3):
    assert feed(wg2_wg3, "zh") == feed(wg2_wg3, "zh")


def test_the_bytes_do_not_depend_on_the_process_hash_seed(wg2_wg3):
    root = ROOT
    script = (
        "import sys; sys.path.insert(0, '.'); from tests.helpers.feedcases import versions; "
        "from service.sessionfile import load; from service.exports.calendar import render; "
        "s = load('examples/wg2-wg3-2022.yaml'); "
        "sys.stdout.buffer.write(render(s.session, versions(s.session, s.programme), lang='zh'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=root, env={**os.environ, "PYTHONHASHSEED": seed},
            check=True, capture_output=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {feed(wg2_wg3, "zh")}
