"""The checker applies the planner's rules to any programme and names what breaks."""

import dataclasses
import datetime as dt

import pytest

from solver import check, evaluate
from solver.programme import ItemTake, Meeting, Programme
from tests.helpers.sessions import session

CASES = ["cop10", "wg2_wg3"]


def _replace_meeting(programme, index, **changes):
    meetings = list(programme.meetings)
    meetings[index] = dataclasses.replace(meetings[index], **changes)
    return Programme(tuple(meetings))


@pytest.mark.parametrize("case", CASES)
def test_published_programme_keeps_every_rule(case, request):
    loaded = request.getfixturevalue(case)
    assert check(loaded.session, loaded.programme) == []


def test_published_table_gets_minutes_that_fill_its_meetings(cop10):
    filled = evaluate(cop10.session, cop10.programme).programme
    monday = filled.meetings[0]
    assert [(t.code, t.minutes) for t in monday.items if t.minutes] == [
        ("1(a)", 20), ("1(b)", 10), ("1(c)", 10), ("1(d)", 5), ("1(e)", 5), ("1(f)", 70),
    ]


def test_item_taken_before_the_one_before_it_breaks_agenda_order(cop10):
    swapped = _replace_meeting(cop10.programme, 4, items=(ItemTake("plenary", "4"),))
    swapped = _replace_meeting(swapped, 5, items=(ItemTake("plenary", "3"), ItemTake("plenary", "5")))
    rules = {v.rule for v in check(cop10.session, swapped)}
    assert "order" in rules


def test_order_violation_names_body_items_and_date(cop10):
    swapped = _replace_meeting(cop10.programme, 4, items=(ItemTake("plenary", "4"),))
    swapped = _replace_meeting(swapped, 5, items=(ItemTake("plenary", "3"), ItemTake("plenary", "5")))
    violation = next(v for v in check(cop10.session, swapped) if v.rule == "order")
    assert violation.bodies == ("plenary",)
    assert "plenary 3" in violation.items and "plenary 4" in violation.items
    assert violation.dates == (dt.date(2020, 10, 14),)


def test_meeting_holding_more_than_its_slot_breaks_meeting_length(cop10):
    # Item 3 (120 minutes) joins items 4 and 5 (120 minutes) in Wednesday afternoon's 2-hour meeting.
    meetings = list(cop10.programme.meetings)
    meetings[5] = dataclasses.replace(meetings[5], items=(ItemTake("plenary", "3"),) + meetings[5].items)
    del meetings[4]
    violations = check(cop10.session, Programme(tuple(meetings)))
    assert {v.rule for v in violations} == {"meeting_length"}
    assert any("240" in v.message for v in violations)


def test_two_separate_meetings_in_one_interpreted_room_break_interpreted_at_once(wg2_wg3):
    # Wednesday morning: the WG on International Cooperation meets on its own beside the other group.
    extra = Meeting(dt.date(2022, 5, 25), dt.time(10, 0), ("wg3",), (ItemTake("wg3", "3"),))
    programme = Programme(wg2_wg3.programme.meetings + (extra,))
    assert "interpreted_at_once" in {v.rule for v in check(wg2_wg3.session, programme)}


def test_joint_item_taken_by_one_group_alone_is_a_violation(wg2_wg3):
    tuesday = wg2_wg3.programme.meetings[2]
    alone = _replace_meeting(wg2_wg3.programme, 2, bodies=("wg3",), items=tuesday.items_of("wg3"))
    violations = [v for v in check(wg2_wg3.session, alone) if v.rule == "joint"]
    assert violations and "wg2" in violations[0].message


def test_pinned_item_starting_elsewhere_breaks_its_pin(wg2_wg3):
    meetings = list(wg2_wg3.programme.meetings)
    meetings[0] = dataclasses.replace(meetings[0], slot=dt.time(15, 0))
    meetings[1] = dataclasses.replace(meetings[1], slot=dt.time(10, 0))
    pins = [v for v in check(wg2_wg3.session, Programme(tuple(meetings))) if v.rule == "pin"]
    assert pins and pins[0].items == ("wg3 1(a)",)


def test_item_left_out_is_reported_unscheduled(cop10):
    without_budget = _replace_meeting(cop10.programme, 9, items=tuple(t for t in cop10.programme.meetings[9].items if t.code != "6"))
    unscheduled = [v for v in check(cop10.session, without_budget) if v.rule == "unscheduled"]
    assert [v.items for v in unscheduled] == [("plenary 6",)]


def test_meeting_outside_the_session_slots_is_reported(cop10):
    moved = _replace_meeting(cop10.programme, 0, slot=dt.time(9, 0))
    assert "slot" in {v.rule for v in check(cop10.session, moved)}


def test_meeting_beside_an_exclusive_item_is_reported():
    loaded = session()
    opening = Meeting(dt.date(2024, 3, 4), dt.time(10, 0), ("plenary",), (ItemTake("plenary", "1"), ItemTake("plenary", "2")))
    beside = Meeting(dt.date(2024, 3, 4), dt.time(10, 0), ("cow",), (ItemTake("cow", "A"),))
    rest = (
        Meeting(dt.date(2024, 3, 4), dt.time(15, 0), ("plenary",), (ItemTake("plenary", "2"),)),
        Meeting(dt.date(2024, 3, 5), dt.time(10, 0), ("plenary",), (ItemTake("plenary", "3"),)),
        Meeting(dt.date(2024, 3, 5), dt.time(15, 0), ("cow",), (ItemTake("cow", "B"),)),
    )
    violations = check(loaded.session, Programme((opening, beside) + rest))
    assert [v.rule for v in violations] == ["exclusive"]


def test_given_minutes_that_differ_from_the_estimate_are_reported(cop10):
    filled = evaluate(cop10.session, cop10.programme).programme
    last = filled.meetings[9]
    shorter = tuple(dataclasses.replace(t, minutes=50) if t.code == "9" else t for t in last.items)
    assert "minutes" in {v.rule for v in check(cop10.session, _replace_meeting(filled, 9, items=shorter))}
