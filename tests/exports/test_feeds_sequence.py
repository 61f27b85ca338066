"""SEQUENCE and LAST-MODIFIED move only with what a subscriber sees: start, end, location, summary, description, status."""

import dataclasses
import datetime as dt

from service.exports.calendar import render
from service.published import PublishedVersion
from solver.programme import Programme
from tests.helpers.feedcases import MOVED_FROM, MOVED_TO, PUBLISHED_1, PUBLISHED_2, events

MOVED_UTC = dt.datetime(2022, 5, 27, 13, 0, tzinfo=dt.UTC)  # Friday 15:00 in Vienna


def with_minutes(programme: Programme) -> Programme:
    """The same programme as a variant copied from it stores it: every item with the planner's minutes."""
    return Programme(
        tuple(
            dataclasses.replace(m, items=tuple(dataclasses.replace(t, minutes=(t.minutes or 0) + 45) for t in m.items))
            for m in programme.meetings
        )
    )


def moved_once(programme: Programme) -> Programme:
    return Programme(
        tuple(
            dataclasses.replace(m, date=MOVED_TO[0], slot=MOVED_TO[1]) if (m.date, m.slot) == MOVED_FROM else m
            for m in programme.meetings
        )
    )


def history(event) -> tuple:
    return event["SEQUENCE"], event["LAST-MODIFIED"].dt


def test_a_copy_republished_with_other_minutes_changes_no_event(wg2_wg3):
    imported = PublishedVersion(1, PUBLISHED_1, wg2_wg3.programme, wg2_wg3.session)
    copied = PublishedVersion(2, PUBLISHED_2, with_minutes(wg2_wg3.programme), wg2_wg3.session)
    feed = render(wg2_wg3.session, [imported, copied])
    assert {history(e) for e in events(feed)} == {(0, PUBLISHED_1)}


def without_dtstamp(feed: bytes) -> list[bytes]:
    return [line for line in feed.split(b"\r\n") if not line.startswith(b"DTSTAMP:")]


def test_a_copy_republished_with_other_minutes_changes_nothing_but_dtstamp(wg2_wg3):
    imported = PublishedVersion(1, PUBLISHED_1, wg2_wg3.programme, wg2_wg3.session)
    copied = PublishedVersion(2, PUBLISHED_2, with_minutes(wg2_wg3.programme), wg2_wg3.session)
    assert without_dtstamp(render(wg2_wg3.session, [imported, copied])) == without_dtstamp(render(wg2_wg3.session, [imported]))


def test_one_moved_meeting_is_the_only_event_that_changes(wg2_wg3):
    imported = PublishedVersion(1, PUBLISHED_1, wg2_wg3.programme, wg2_wg3.session)
    moved = PublishedVersion(2, PUBLISHED_2, moved_once(with_minutes(wg2_wg3.programme)), wg2_wg3.session)
    changed = {e["DTSTART"].dt: history(e) for e in events(render(wg2_wg3.session, [imported, moved])) if history(e) != (0, PUBLISHED_1)}
    assert changed == {MOVED_UTC: (1, PUBLISHED_2)}
