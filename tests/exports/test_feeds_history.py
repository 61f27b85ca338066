"""Feeds across published versions: stable UIDs, SEQUENCE, STATUS, LAST-MODIFIED, DTSTAMP."""

import dataclasses
import datetime as dt

from service.exports.calendar import FeedOptions, Selection, render
from service.published import PublishedVersion
from tests.helpers.feedcases import DROPPED, MOVED_FROM, MOVED_TO, PUBLISHED_1, PUBLISHED_2, event_at, events, versions


def test_a_moved_meeting_keeps_its_uid(wg2_wg3):
    v1 = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1))
    v2 = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 2))
    assert event_at(v2, *MOVED_TO)["UID"] == event_at(v1, *MOVED_FROM)["UID"]


def test_a_moved_meeting_appears_once_with_sequence_1_modified_by_version_2(wg2_wg3):
    v2 = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme))
    moved = event_at(v2, *MOVED_TO)
    assert [e["UID"] for e in events(v2)].count(moved["UID"]) == 1
    assert moved["SEQUENCE"] == 1
    assert moved["STATUS"] == "CONFIRMED"
    assert moved["LAST-MODIFIED"].dt == PUBLISHED_2


def test_an_unchanged_meeting_keeps_sequence_0_and_its_first_modification(wg2_wg3):
    v2 = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme))
    monday = event_at(v2, dt.date(2022, 5, 23), dt.time(10, 0))
    assert monday["SEQUENCE"] == 0
    assert monday["LAST-MODIFIED"].dt == PUBLISHED_1


def test_a_dropped_meeting_is_cancelled_with_a_higher_sequence(wg2_wg3):
    v2 = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme))
    dropped = event_at(v2, *DROPPED)
    assert dropped["STATUS"] == "CANCELLED"
    assert dropped["SEQUENCE"] == 1
    assert dropped["SUMMARY"].startswith("Cancelled: ")


def test_a_cancelled_meeting_leaves_the_feed_once_kept_long_enough(wg2_wg3):
    later = versions(wg2_wg3.session, wg2_wg3.programme)
    later.append(PublishedVersion(3, PUBLISHED_2 + dt.timedelta(days=8), later[1].programme, wg2_wg3.session))
    feed = render(wg2_wg3.session, later, options=FeedOptions(keep_cancelled=dt.timedelta(days=7)))
    assert DROPPED not in {(e.start.date(), e.start.time()) for e in events(feed)}
    assert len(events(feed)) == len(later[1].programme.meetings)


def test_a_restored_meeting_is_confirmed_again_with_a_higher_sequence(wg2_wg3):
    restored = versions(wg2_wg3.session, wg2_wg3.programme)
    restored.append(PublishedVersion(3, PUBLISHED_2 + dt.timedelta(days=1), wg2_wg3.programme, wg2_wg3.session))
    back = event_at(render(wg2_wg3.session, restored), *DROPPED)
    assert (back["STATUS"], back["SEQUENCE"]) == ("CONFIRMED", 2)


def test_meetings_that_open_with_the_same_item_have_distinct_uids(wg2_wg3):
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme, 1))
    uids = [e["UID"] for e in events(feed)]
    assert len(uids) == len(set(uids)) == len(wg2_wg3.programme.meetings)


def test_dtstamp_is_the_latest_publish_time_on_every_event(wg2_wg3):
    feed = render(wg2_wg3.session, versions(wg2_wg3.session, wg2_wg3.programme))
    assert {e["DTSTAMP"].dt for e in events(feed)} == {PUBLISHED_2}


def test_a_meeting_that_leaves_a_selection_is_cancelled_in_that_feed(wg2_wg3):
    first = versions(wg2_wg3.session, wg2_wg3.programme, 1)
    monday = first[0].programme.meetings[0]
    wg3_alone = dataclasses.replace(monday, bodies=("wg3",), items=monday.items_of("wg3"))
    second = dataclasses.replace(first[0].programme, meetings=(wg3_alone, *first[0].programme.meetings[1:]))
    feed = render(wg2_wg3.session, [*first, PublishedVersion(2, PUBLISHED_2, second, wg2_wg3.session)], Selection(bodies=frozenset({"wg2"})))
    assert event_at(feed, monday.date, monday.slot)["STATUS"] == "CANCELLED"


def test_meeting_keeps_its_uid_whether_or_not_its_heading_is_printed(cop10):
    from service.published import meeting_uids
    from solver import plan

    published = {m.date: uid for uid, m in meeting_uids(cop10.session, cop10.programme) if m.slot.hour == 12}
    drafted = {m.date: uid for uid, m in meeting_uids(cop10.session, plan(cop10.session).programme) if m.slot.hour == 12}
    assert drafted == published
