"""The change log between published versions: new, cancelled, moved meetings and room changes, in JSON and Atom."""

import datetime as dt
import xml.etree.ElementTree as ET

from service.exports.changelog import ATOM, atom, changes, log_json
from service.published import PublishedVersion
from solver.programme import ItemTake, Meeting, Programme

D = dt.date.fromisoformat
T = dt.time.fromisoformat
AT = dt.datetime(2020, 9, 7, 12, tzinfo=dt.UTC)


def _with(programme, index, **change):
    meetings = list(programme.meetings)
    m = meetings[index]
    meetings[index] = Meeting(change.get("date", m.date), change.get("slot", m.slot), m.bodies, m.items, change.get("room", m.room))
    return Programme(tuple(meetings))


def test_the_same_programme_has_no_changes(cop10):
    assert changes(cop10.session, cop10.programme, cop10.programme) == []


def test_a_meeting_in_another_slot_is_moved_not_cancelled_and_new(wg2_wg3):
    later = _with(wg2_wg3.programme.sorted(), 6, date=D("2022-05-27"), slot=T("15:00"))
    [entry] = changes(wg2_wg3.session, wg2_wg3.programme, later)
    assert entry.kinds == ("moved",)
    assert (entry.before.date, entry.after.date, entry.after.slot) == (D("2022-05-26"), D("2022-05-27"), T("15:00"))
    assert entry.items == ("wg2 4", "wg2 5")


def test_a_room_change_names_both_rooms(cop10):
    [entry] = changes(cop10.session, cop10.programme, _with(cop10.programme.sorted(), 0, room="Plenary hall M"))
    assert entry.kinds == ("room",)
    assert "room changed from none to Plenary hall M" in entry.text()


def test_dropped_and_added_meetings_are_cancelled_and_new(cop10):
    meetings = cop10.programme.sorted().meetings
    fewer = Programme(meetings[:-1])
    assert [e.kinds for e in changes(cop10.session, cop10.programme, fewer)] == [("cancelled",)]
    assert [e.kinds for e in changes(cop10.session, fewer, cop10.programme)] == [("new",)]


def test_json_log_names_both_versions_and_each_change(cop10):
    v1 = PublishedVersion(1, AT, cop10.programme, cop10.session)
    v2 = PublishedVersion(2, AT + dt.timedelta(days=1), _with(cop10.programme.sorted(), 0, room="M"), cop10.session)
    log = log_json(v1, v2)
    assert (log["from_version"], log["to_version"]) == (1, 2)
    assert log["changes"][0]["after"] == {"date": "2020-10-12", "slot": "12:00", "room": "M"}


def test_atom_feed_has_one_entry_per_version_newest_first(cop10):
    v1 = PublishedVersion(1, AT, cop10.programme, cop10.session)
    v2 = PublishedVersion(2, AT + dt.timedelta(days=1), _with(cop10.programme.sorted(), 0, room="M"), cop10.session)
    feed = ET.fromstring(atom(cop10.session, [v1, v2], 0, "urn:podium:session:1:changes", "http://x/changes.atom", "http://x/versions/{number}"))
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert [e.find(f"{{{ATOM}}}title").text for e in entries] == ["Version 2: 1 change (against version 1)", "Version 1: 10 changes"]
    assert entries[0].find(f"{{{ATOM}}}link").get("href") == "http://x/versions/2"
    assert feed.find(f"{{{ATOM}}}updated").text == (AT + dt.timedelta(days=1)).isoformat()


def test_printing_a_heading_before_the_first_sub_item_is_not_another_meeting(cop10):
    first = cop10.programme.sorted().meetings[0]
    with_heading = Meeting(first.date, first.slot, first.bodies, (ItemTake("plenary", "1"), *first.items), first.room)
    assert changes(cop10.session, cop10.programme, Programme((with_heading, *cop10.programme.sorted().meetings[1:]))) == []
