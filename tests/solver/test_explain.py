"""An infeasible session gets a reason in words, naming the rules that conflict."""

import dataclasses
import datetime as dt

from solver import plan
from solver.problem import Pin


def _one_day_less(session):
    return dataclasses.replace(session, last_day=session.last_day - dt.timedelta(days=1))


def _with_pin(session, pin):
    return dataclasses.replace(session, rules=dataclasses.replace(session.rules, pins=session.rules.pins + (pin,)))


def test_one_day_less_leaves_the_plenary_short_of_minutes(cop10):
    result = plan(_one_day_less(cop10.session))
    assert result.status == "infeasible" and result.programme is None
    assert "Plenary needs 1200 minutes for its 18 items but has 8 meetings, 960 minutes in all" in [c.message for c in result.conflicts]


def test_one_day_less_for_the_working_groups_runs_out_of_interpreted_room_time(wg2_wg3):
    result = plan(_one_day_less(wg2_wg3.session))
    messages = [c.message for c in result.conflicts]
    assert "interpreted meetings need 1620 minutes but 1 interpreted meeting(s) at a time in 8 slots give 1440" in messages
    assert any(c.rules == ("interpreted_at_once",) for c in result.conflicts)


def test_hybrid_format_caps_meetings_at_two_hours_and_the_groups_no_longer_fit(wg2_wg3):
    result = plan(dataclasses.replace(wg2_wg3.session, format="hybrid"))
    assert result.status == "infeasible"
    wg2 = next(c for c in result.conflicts if c.message.startswith("Working Group of Government Experts"))
    assert "needs 1290 minutes" in wg2.message and "at most 120 minutes (hybrid format)" in wg2.message
    assert "max_meeting_minutes" in wg2.rules


def test_pin_after_too_little_time_for_the_items_before_it_is_explained_with_minutes(cop10):
    # Item 3 pinned on Tuesday noon: items 1(a)-2(d) need 480 minutes; Monday and Tuesday noon hold 360, less
    # the 5 minutes (one unit) item 3 needs to start.
    result = plan(_with_pin(cop10.session, Pin("plenary", "3", dt.date(2020, 10, 13), dt.time(12, 0))))
    assert [c.message for c in result.conflicts] == [
        "Plenary needs 480 minutes for items 1(a)-2(d) before item 3 pinned on Tuesday 13 October at 12:00, but has 355"
    ]
    assert result.conflicts[0].rules == ("pin:0", "order:plenary")


def test_conflict_across_bodies_is_reduced_to_a_minimal_set_of_rules(wg2_wg3):
    # TA item 3 cannot start on Tuesday afternoon: IC item 2 and the joint environment item come first.
    result = plan(_with_pin(wg2_wg3.session, Pin("wg2", "3", dt.date(2022, 5, 24), dt.time(15, 0))))
    assert result.status == "infeasible"
    (conflict,) = result.conflicts
    assert conflict.rules == ("order:wg2", "order:wg3", "pin:1")
    assert "item 3 is pinned to start on Tuesday 24 May at 15:00" in conflict.message
