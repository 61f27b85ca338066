"""The day's Journal: one day's meetings in time order with time, room, bodies and items, in the six languages."""

import dataclasses
import datetime as dt

import pytest

from service.exports.journal import journal_day, render_journal_html, render_journal_text
from solver.problem import Room

MONDAY = dt.date(2022, 5, 23)


def test_the_days_meetings_come_in_time_order(wg2_wg3):
    assert [m.time for m in journal_day(wg2_wg3.session, wg2_wg3.programme, MONDAY).meetings] == ["10 a.m.–1 p.m.", "3–6 p.m."]


def test_a_joint_meeting_names_both_bodies_and_lists_a_joint_item_once(wg2_wg3):
    first = journal_day(wg2_wg3.session, wg2_wg3.programme, MONDAY).meetings[0]
    assert first.joint and len(first.bodies) == 2
    assert [(i.code, i.title) for i in first.items][:2] == [("1(a)", "Opening of the meeting"), ("1(b)", "Adoption of the agenda and organization of work")]
    assert len(first.items) == 3


def test_an_item_going_on_from_an_earlier_meeting_is_marked_continued(wg2_wg3):
    afternoon = journal_day(wg2_wg3.session, wg2_wg3.programme, MONDAY, "zh").meetings[1]
    assert afternoon.items[0].title.endswith("（续）")


def test_the_room_is_named_when_the_programme_gives_one(cop10):
    session = dataclasses.replace(cop10.session, rooms=(Room("M3", "Conference Room M3"),))
    first = cop10.programme.sorted().meetings[0]
    programme = dataclasses.replace(cop10.programme, meetings=(dataclasses.replace(first, room="M3"),))
    assert journal_day(session, programme, first.date).meetings[0].room == "Conference Room M3"


@pytest.mark.parametrize("lang, date, heading", [
    ("en", "Monday, 23 May 2022", "Programme of meetings"), ("zh", "2022年5月23日，星期一", "会议日程"),
    ("fr", "Lundi 23 mai 2022", "Programme des séances"), ("es", "Lunes 23 de mayo de 2022", "Programa de sesiones"),
    ("ru", "Понедельник, 23 мая 2022 года", "Программа заседаний"), ("ar", "الاثنين، 23 أيار/مايو 2022", "برنامج الجلسات"),
])
def test_the_text_journal_opens_with_its_heading_and_the_date_in_each_language(wg2_wg3, lang, date, heading):
    lines = render_journal_text(wg2_wg3.session, wg2_wg3.programme, MONDAY, lang).splitlines()
    assert (lines[0], lines[2]) == (heading, date)


def test_a_day_without_meetings_says_so(wg2_wg3):
    assert "No meetings are scheduled for this day." in render_journal_text(wg2_wg3.session, wg2_wg3.programme, dt.date(2022, 5, 30))


def test_the_html_journal_declares_language_and_direction(wg2_wg3):
    page = render_journal_html(wg2_wg3.session, wg2_wg3.programme, MONDAY, "ar")
    assert '<html lang="ar" dir="rtl">' in page and '<span class="code" dir="ltr">1(a)</span>' in page
