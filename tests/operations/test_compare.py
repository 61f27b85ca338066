"""Comparing variants: rows aligned by date and slot, differences marked against the first, measures per variant."""

import datetime as dt

import pytest
from pydantic import TypeAdapter

from service.compare import Candidate, compare, measures
from service.drafts import Edit, VariantParams, apply, assess, edit, params_of, solve
from solver.programme import Meeting, Programme, programme_from_rows

EDIT = TypeAdapter(Edit)
D = dt.date.fromisoformat
T = dt.time.fromisoformat


def _line(comparison, date, slot):
    return next(line for line in comparison.lines if line.date == D(date) and line.slot == T(slot))


@pytest.fixture(scope="module")
def published(cop10):
    return assess(cop10.session, VariantParams(), cop10.programme)


def _candidate(session, name, draft):
    return Candidate(name, apply(session, draft.params), draft.programme, draft.breakdown, draft.objective)


def test_a_programme_compared_with_itself_has_no_marks(cop10, published):
    c = compare([_candidate(cop10.session, "a", published), _candidate(cop10.session, "b", published)])
    assert not any(line.differs for line in c.lines)
    assert len(c.lines) == 10


def test_swapped_meetings_are_marked_moved_in_both_slots(cop10, published):
    swapped = edit(cop10.session, published, EDIT.validate_python({
        "kind": "swap_meetings", "first": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"},
        "second": {"date": "2020-10-14", "slot": "16:00", "body": "plenary"}}))
    c = compare([_candidate(cop10.session, "published", published), _candidate(cop10.session, "swapped", swapped)])
    assert [t.mark for t in _line(c, "2020-10-15", "12:00").cells[1].meetings[0].takes] == ["moved", "moved"]
    assert _line(c, "2020-10-14", "16:00").cells[1].gone == ("plenary 4", "plenary 5")
    assert _line(c, "2020-10-14", "16:00").cells[0].marks == frozenset()


def test_slots_only_one_variant_uses_are_lines_with_added_and_removed_cells(cop10, published):
    params = params_of({"format": "in_person", "rules": {"max_meeting_minutes": None},
                        "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}]})
    in_person = solve(cop10.session, params)
    c = compare([_candidate(cop10.session, "hybrid", published), _candidate(cop10.session, "in person", in_person)])
    monday_noon, monday_ten = _line(c, "2020-10-12", "12:00"), _line(c, "2020-10-12", "10:00")
    assert monday_noon.cells[1].marks == {"removed"} and monday_noon.cells[1].meetings == ()
    assert "added" in monday_ten.cells[1].marks and monday_ten.cells[0].meetings == ()


def test_an_item_taken_in_fewer_meetings_is_marked_split(cop10, published):
    params = params_of({"format": "in_person", "rules": {"max_meeting_minutes": None},
                        "slots": [{"start": "10:00", "end": "13:00"}, {"start": "15:00", "end": "18:00"}]})
    # In 3-hour meetings the reserved plenary block (360 minutes) takes two meetings instead of three.
    rows = [
        ("2020-10-12", "10:00", ["1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)"]),
        ("2020-10-12", "15:00", ["1(f)", "2", "2(a)", "2(b)", "2(c)"]),
        ("2020-10-13", "10:00", ["2(d)"]),
        ("2020-10-13", "15:00", ["3", "4"]),
        ("2020-10-14", "10:00", ["5"]),
        ("2020-10-14", "15:00", ["P"]),
        ("2020-10-15", "10:00", ["P"]),
        ("2020-10-15", "15:00", ["6", "7", "8", "9"]),
    ]
    programme = programme_from_rows(apply(cop10.session, params), [
        {"date": D(day), "slot": T(slot), "items": {"plenary": codes}} for day, slot, codes in rows
    ])
    in_person = assess(cop10.session, params, programme)
    assert in_person.violations == ()
    c = compare([_candidate(cop10.session, "hybrid", published), _candidate(cop10.session, "in person", in_person)])
    marks = {(t.code, t.mark) for line in c.lines for m in line.cells[1].meetings for t in m.takes}
    assert ("P", "split") in marks


def test_a_meeting_in_another_room_is_marked_room(cop10, published):
    first = published.programme.meetings[0]
    elsewhere = Programme((Meeting(first.date, first.slot, first.bodies, first.items, "M-Building"), *published.programme.meetings[1:]))
    c = compare([_candidate(cop10.session, "a", published), Candidate("b", cop10.session, elsewhere)])
    assert _line(c, "2020-10-12", "12:00").cells[1].marks == {"room"}


def test_measures_of_the_published_cop_programme(cop10, published):
    m = measures(_candidate(cop10.session, "published", published), published.programme)
    assert (m.interpreted_used, m.interpreted_allowed, m.max_parallel, m.parallel_slots) == (10, None, 1, 0)
    assert set(m.meetings_per_day.values()) == {2}
    assert m.split_items == 2  # general discussion over two meetings, the reserved plenary over three
    assert m.order_deviations == 0
    assert m.minutes_moved == 0
    assert m.objective == published.objective and m.terms["splits"] == published.breakdown["splits"]["value"]


def test_measures_of_the_2022_meetings_count_one_interpreted_room_and_joint_meetings_once(wg2_wg3):
    draft = assess(wg2_wg3.session, VariantParams(), wg2_wg3.programme)
    m = measures(_candidate(wg2_wg3.session, "published", draft))
    assert (m.interpreted_used, m.max_parallel, m.minutes_moved) == (9, 1, None)


def test_minutes_moved_counts_item_time_in_other_slots_than_published(cop10, published):
    swapped = edit(cop10.session, published, EDIT.validate_python({
        "kind": "move_meeting", "meeting": {"date": "2020-10-16", "slot": "16:00", "body": "plenary"}, "to": {"date": "2020-10-16", "slot": "16:00"}}))
    assert measures(_candidate(cop10.session, "same", swapped), published.programme).minutes_moved == 0
    moved = solve(cop10.session, params_of({"estimates": [{"body": "plenary", "code": "3", "minutes": 60}]}))
    assert measures(_candidate(cop10.session, "shorter 3", moved), published.programme).minutes_moved > 0


def test_order_deviations_count_items_started_before_the_previous_one_ends(cop10, published):
    swapped = edit(cop10.session, published, EDIT.validate_python({
        "kind": "swap_meetings", "first": {"date": "2020-10-15", "slot": "12:00", "body": "plenary"},
        "second": {"date": "2020-10-14", "slot": "16:00", "body": "plenary"}}))
    assert measures(_candidate(cop10.session, "swapped", swapped)).order_deviations == 1  # item 5 before the reserved plenary ends


def test_comparing_fewer_than_two_programmes_is_refused(cop10, published):
    with pytest.raises(ValueError):
        compare([_candidate(cop10.session, "a", published)])
