"""The three layouts of the annex, languages and fallbacks, on a session with a plenary and working groups."""

import dataclasses
import datetime as dt

import pytest

from service.exports.annex.labels import day_label, slot_label
from service.exports.annex.table import build
from solver.problem import AgendaItem, Body
from solver.programme import ItemTake, Meeting, Programme, mark_continued

WG3 = Body("wg3", {"en": "Working Group on International Cooperation", "zh": "国际合作工作组"}, kind="working_group")
WG3_ITEM = AgendaItem("wg3", "1", 100, {"en": "Organizational matters"}, minutes=360)


@pytest.fixture
def with_parallel_group(cop10):
    """COP 2020 with the Working Group on International Cooperation meeting beside the plenary."""
    session = dataclasses.replace(cop10.session, bodies=cop10.session.bodies + (WG3,), agenda=cop10.session.agenda + (WG3_ITEM,))
    beside = tuple(Meeting(dt.date(2020, 10, 13), start, ("wg3",), (ItemTake("wg3", "1"),), "M3") for start in (dt.time(12), dt.time(16)))
    return session, mark_continued(session, Programme(cop10.programme.meetings + beside))


def _column(table, index):
    return [(r.label, r.entries[index].text if r.entries[index] else "") for r in table.rows if r.kind == "slot"]


def test_a_plenary_with_a_group_beside_it_gets_plenary_and_parallel_meeting_columns(with_parallel_group):
    table = build(*with_parallel_group, "en")
    assert table.layout == "plenary_parallel"
    assert [(c.heading, c.codes) for c in table.columns] == [("Plenary", True), ("Parallel meeting", False)]


def test_the_parallel_column_names_the_group_and_marks_it_continued_once_it_has_met(with_parallel_group):
    parallel = _column(build(*with_parallel_group, "zh"), 1)
    assert parallel[2:4] == [("中午 12 时至下午 2 时", "国际合作工作组"), ("下午 4 时至 6 时", "国际合作工作组（续）")]
    assert {text for _, text in parallel[:2] + parallel[4:]} == {""}


def test_the_parallel_column_in_english(with_parallel_group):
    assert _column(build(*with_parallel_group, "en"), 1)[3] == ("4–6 p.m.", "Working Group on International Cooperation (continued)")


def test_a_body_named_only_in_english_falls_back_visibly(with_parallel_group):
    entry = next(r.entries[1] for r in build(*with_parallel_group, "fr").rows if r.entries and r.entries[1])
    assert (entry.text, entry.fallback) == ("Working Group on International Cooperation", "en")


def test_the_layout_can_be_forced(with_parallel_group):
    table = build(*with_parallel_group, "en", layout="side_by_side")
    assert [c.heading for c in table.columns] == ["Plenary", "Working Group on International Cooperation"]


def test_a_heading_listed_by_the_programme_is_printed_before_its_first_sub_item(cop10):
    codes = [r.entries[0].code for r in build(cop10.session, cop10.programme, "en").rows if r.entries]
    assert codes[7:11] == ["2", "2(a)", "2(b)", "2(c)"]
    assert "1" not in codes


def test_a_reserved_block_prints_the_body_name_and_no_code(cop10):
    thursday = [r for r in build(cop10.session, cop10.programme, "fr").rows if r.kind == "slot"][6]
    assert (thursday.entries[0].code, thursday.entries[0].text) == ("", "Plenary")


def test_arabic_tables_run_right_to_left(cop10):
    assert build(cop10.session, cop10.programme, "ar").dir == "rtl"
    assert build(cop10.session, cop10.programme, "ru").dir == "ltr"


def test_an_unknown_language_is_refused(cop10):
    with pytest.raises(ValueError, match="unknown language 'de'"):
        build(cop10.session, cop10.programme, "de")


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "Monday, 12 October"),
        ("zh", "10月12日，星期一"),
        ("fr", "Lundi 12 octobre"),
        ("es", "Lunes 12 de octubre"),
        ("ru", "Понедельник, 12 октября"),
        ("ar", "الاثنين، 12 تشرين الأول/أكتوبر"),
    ],
)
def test_day_rows_use_cldr_names_in_un_order(lang, expected):
    assert day_label(dt.date(2020, 10, 12), lang) == expected


@pytest.mark.parametrize(
    "start, end, en, zh",
    [
        (10, 13, "10 a.m.–1 p.m.", "上午 10 时至下午 1 时"),
        (15, 18, "3–6 p.m.", "下午 3 时至 6 时"),
        (12, 14, "12 noon–2 p.m.", "中午 12 时至下午 2 时"),
        (16, 18, "4–6 p.m.", "下午 4 时至 6 时"),
        (9, 11, "9–11 a.m.", "上午 9 时至 11 时"),
        (10, 12, "10 a.m.–12 noon", "上午 10 时至中午 12 时"),
    ],
)
def test_slot_labels_in_un_english_and_chinese(start, end, en, zh):
    assert (slot_label(dt.time(start), dt.time(end), "en"), slot_label(dt.time(start), dt.time(end), "zh")) == (en, zh)


def test_slot_labels_with_minutes():
    assert slot_label(dt.time(10, 30), dt.time(13), "en") == "10.30 a.m.–1 p.m."
    assert slot_label(dt.time(10, 30), dt.time(13), "zh") == "上午 10 时 30 分至下午 1 时"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("fr", "10 heures-13 heures"),
        ("es", "10.00 a 13.00 horas"),
        ("ru", "10 ч. 00 м. – 13 ч. 00 м."),
        ("ar", "10:00-13:00"),
    ],
)
def test_slot_labels_in_the_other_official_languages(lang, expected):
    assert slot_label(dt.time(10), dt.time(13), lang) == expected


def test_the_labels_printed_in_the_case_files_are_those_podium_would_write(cop10, wg2_wg3):
    for case in (cop10, wg2_wg3):
        for slot in case.session.slots:
            assert {lang: slot_label(slot.start, slot.end, lang) for lang in slot.labels} == slot.labels
