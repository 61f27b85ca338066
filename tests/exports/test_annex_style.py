"""Layout rules and the document style: joint meetings beside a plenary, heading rows, the year, the header's words."""

import dataclasses
import datetime as dt

import pytest

from service.exports.annex.table import build
from solver.problem import AgendaItem, Body, DocumentStyle
from solver.programme import ItemTake, Meeting, Programme, mark_continued

WG3 = Body("wg3", {"en": "Working Group on International Cooperation"}, kind="working_group")
WG2 = Body("wg2", {"en": "Working Group on Technical Assistance"}, kind="working_group")
JOINT = "Application of the Convention to crime that affects the environment"
ITEMS = (
    AgendaItem("wg3", "1", 100, {"en": JOINT}, minutes=240, joint_with=(("wg2", "1"),)),
    AgendaItem("wg2", "1", 101, {"en": JOINT}, minutes=240),
)
TUESDAY = dt.date(2020, 10, 13)


@pytest.fixture
def joint_beside_plenary(cop10):
    """COP 2020 with two working groups meeting jointly beside the plenary, Tuesday noon and afternoon."""
    session = dataclasses.replace(cop10.session, bodies=cop10.session.bodies + (WG3, WG2), agenda=cop10.session.agenda + ITEMS)
    joint = tuple(Meeting(TUESDAY, start, ("wg3", "wg2"), (ItemTake("wg3", "1"), ItemTake("wg2", "1")), "M3")
                  for start in (dt.time(12), dt.time(16)))
    return session, mark_continued(session, Programme(cop10.programme.meetings + joint))


def _parallel(table):
    return [r.entries[1].text for r in table.rows if r.kind != "day" and r.entries[1]]


def _codes(session, programme, **style):
    table = build(session, programme, "en", style=DocumentStyle(**style))
    return [r.entries[0].code for r in table.rows if r.entries and r.entries[0]]


def test_a_joint_meeting_beside_the_plenary_prints_its_items_title_once(joint_beside_plenary):
    assert _parallel(build(*joint_beside_plenary, "en")) == [JOINT, JOINT + " (continued)"]


def test_a_joint_item_is_not_continued_where_it_starts(joint_beside_plenary):
    first = next(r.entries[1] for r in build(*joint_beside_plenary, "en").rows if r.kind == "slot" and r.entries[1])
    assert first.suffix == ""


def test_a_joint_meeting_of_two_groups_side_by_side_prints_the_item_in_each_groups_column(joint_beside_plenary):
    session, programme = joint_beside_plenary
    alone = Programme(tuple(m for m in programme.meetings if "plenary" not in m.bodies))
    table = build(session, alone, "en")
    assert table.layout == "side_by_side"
    slot = next(r for r in table.rows if r.kind == "slot")
    assert [(e.code, e.text) for e in slot.entries] == [("1", JOINT), ("1", JOINT)]


def test_headings_listed_by_the_programme_print_where_listed(cop10):
    codes = _codes(cop10.session, cop10.programme)
    assert "1" not in codes and codes[7:9] == ["2", "2(a)"]


def test_headings_never_prints_no_heading(cop10):
    assert "2" not in _codes(cop10.session, cop10.programme, headings="never")


def test_headings_always_prints_each_heading_above_its_first_sub_item(cop10):
    codes = _codes(cop10.session, cop10.programme, headings="always")
    assert codes[:2] == ["1", "1(a)"] and codes[8:10] == ["2", "2(a)"]


def test_headings_at_meeting_start_skip_a_first_sub_item_taken_mid_meeting(cop10):
    first = cop10.programme.sorted().meetings[0]
    # Put the general discussion 1(f) ahead of the opening: 1(a) no longer opens the meeting.
    reordered = dataclasses.replace(first, items=(first.items[-1], *first.items[:-1]))
    programme = Programme((reordered, *cop10.programme.sorted().meetings[1:]))
    assert _codes(cop10.session, programme, headings="meeting_start")[:2] == ["1(f)", "1(a)"]
    assert _codes(cop10.session, cop10.programme, headings="meeting_start")[:2] == ["1", "1(a)"]


def test_a_heading_is_never_printed_above_a_continued_sub_item(cop10):
    codes = _codes(cop10.session, cop10.programme, headings="always")
    assert codes.count("1") == 1


def test_the_year_is_printed_in_day_rows_when_the_style_asks(cop10):
    table = build(cop10.session, cop10.programme, "zh", style=DocumentStyle(year=True))
    assert table.rows[0].label == "2020年10月12日，星期一"


@pytest.mark.parametrize("choice, words", [("date/time", "Date/time"), ("date and time", "Date and time"), ("time", "Time")])
def test_the_time_heading_is_the_styles_choice(cop10, choice, words):
    assert build(cop10.session, cop10.programme, "en", style=DocumentStyle(time_heading=choice)).words["date_time"] == words


def test_the_parallel_heading_may_be_plural(joint_beside_plenary):
    table = build(*joint_beside_plenary, "fr", style=DocumentStyle(parallel_plural=True))
    assert table.columns[1].heading == "Réunions parallèles"


def test_the_annex_label_and_subtitle_print_by_default_and_can_be_left_out(cop10):
    default = build(cop10.session, cop10.programme, "ru")
    bare = build(cop10.session, cop10.programme, "ru", style=DocumentStyle(annex_label=False, subtitle=False))
    assert (default.label, bool(default.session)) == ("Приложение", True)
    assert (bare.label, bare.session) == ("", "")


def test_a_session_files_style_is_the_tables_default(wg2_wg3):
    table = build(wg2_wg3.session, wg2_wg3.programme, "zh")
    assert (table.words["date_time"], table.rows[0].label) == ("日期和时间", "2022年5月23日，星期一")
