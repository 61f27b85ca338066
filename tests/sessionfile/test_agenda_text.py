"""Reading a pasted provisional agenda: codes and titles in each language's numbering."""

from __future__ import annotations

from service.sessionfile.agenda_text import PastedItem, parse_agenda
from tests.helpers import FIXTURES


def _codes(text: str) -> list[str]:
    return [i.code for i in parse_agenda(text)]


def test_english_items_and_sub_items_get_the_session_file_codes():
    items = parse_agenda("Provisional agenda\n1. Organizational matters:\n (a) Opening of the session;\n (b) Election of officers;\n"
                         "2. Other matters.\n")
    assert items == [
        PastedItem("1", "Organizational matters", None, heading=True),
        PastedItem("1(a)", "Opening of the session", "1"),
        PastedItem("1(b)", "Election of officers", "1"),
        PastedItem("2", "Other matters"),
    ]


def test_a_trailing_and_of_the_last_but_one_sub_item_is_dropped():
    items = parse_agenda("1. Matters:\n(a) First;\n(b) Second; and\n(c) Third.")
    assert [i.title for i in items] == ["Matters", "First", "Second", "Third"]


def test_a_title_wrapped_over_two_lines_is_joined():
    assert parse_agenda("3. Consideration of the\n   report of the Bureau.\n4. Other.")[0].title == "Consideration of the report of the Bureau"


def test_roman_subdivisions_sit_under_their_letter():
    items = parse_agenda("5. Review:\n(a) Policy:\n(i) Drugs;\n(ii) Crime;\n(b) Budget.")
    assert [(i.code, i.parent, i.heading) for i in items] == [
        ("5", None, True), ("5(a)", "5", True), ("5(a)(i)", "5(a)", False), ("5(a)(ii)", "5(a)", False), ("5(b)", "5", False)]


def test_i_after_h_is_the_ninth_letter():
    text = "1. M:\n" + "".join(f"({c}) T{c};\n" for c in "abcdefghij")
    assert _codes(text)[-2:] == ["1(i)", "1(j)"]


def test_the_chinese_annotated_agenda_gives_its_nine_items_and_stops_at_the_annotations():
    items = parse_agenda((FIXTURES / "seeds" / "cop10-2020-annotated-agenda.zh.txt").read_text(encoding="utf-8"))
    assert [i.code for i in items][:8] == ["1", "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "2"]
    assert len(items) == 9 + 6 + 4
    assert items[0] == PastedItem("1", "组织事项", None, heading=True)
    assert items[1].title == "缔约方会议第十届会议开幕"
    assert items[-1] == PastedItem("9", "通过缔约方会议第十届会议报告")


def test_full_width_numbering_and_punctuation():
    items = parse_agenda("１．组织事项：\n（ａ）会议开幕；\n（ｂ）选举主席团成员。")
    assert [(i.code, i.title) for i in items] == [("1", "组织事项"), ("1(a)", "会议开幕"), ("1(b)", "选举主席团成员")]


def test_arabic_indic_digits_and_abjad_letters():
    items = parse_agenda("١ - المسائل التنظيمية:\n(أ) افتتاح الدورة؛\n(ب) انتخاب أعضاء المكتب؛\n٢ - مسائل أخرى.")
    assert [(i.code, i.title) for i in items] == [
        ("1", "المسائل التنظيمية"), ("1(a)", "افتتاح الدورة"), ("1(b)", "انتخاب أعضاء المكتب"), ("2", "مسائل أخرى")]


def test_russian_with_cyrillic_letters():
    items = parse_agenda("1. Организационные вопросы:\nа) открытие сессии;\nб) выборы должностных лиц;")
    assert _codes("1. Организационные вопросы:\nа) открытие сессии;\nб) выборы должностных лиц;") == ["1", "1(a)", "1(b)"]
    assert items[2].title == "выборы должностных лиц"


def test_french_and_spanish_with_a_closing_parenthesis_only():
    assert _codes("1. Questions d'organisation :\na) Ouverture de la session ;\nb) Élection du Bureau ;") == ["1", "1(a)", "1(b)"]
    assert parse_agenda("1. Cuestiones de organización:\na) Apertura del período de sesiones;\nb) Elección de la Mesa; y\nc) Otros.")[2].title == "Elección de la Mesa"
