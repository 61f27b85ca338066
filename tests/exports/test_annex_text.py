"""The annex as a terminal table: aligned columns, wide characters, wrapping, fallbacks."""

import dataclasses

from service.exports import render
from service.exports.annex.text import width, wrap


def _lines(case, lang="en"):
    return render("text", case.session, case.programme, lang).splitlines()


def test_every_table_line_has_the_same_terminal_width(cop10, wg2_wg3):
    for case in (cop10, wg2_wg3):
        for lang in ("zh", "en", "ar"):
            table = [line for line in _lines(case, lang) if line[:1] in "+|"]
            assert len({width(line) for line in table}) == 1


def test_chinese_characters_count_as_two_columns():
    assert width("全体会议") == 8
    assert width("1(a)") == 4


def test_long_titles_wrap_at_spaces_and_chinese_anywhere():
    assert wrap("Adoption of the agenda and organization of work", 20) == ["Adoption of the", "agenda and", "organization of work"]
    assert wrap("一般性讨论", 6) == ["一般性", "讨论"]


def test_closing_punctuation_never_begins_a_line():
    assert wrap("公约》第十七条", 4) == ["公", "约》", "第十", "七条"]


def test_the_first_lines_are_the_annex_label_and_the_title(cop10):
    assert _lines(cop10, "zh")[:2] == ["附件", "拟议工作安排"]


def test_a_slot_row_carries_label_code_and_title(cop10):
    assert "| 12 noon–2 p.m. | 1(a)        | Opening of the tenth session of the Conference" in "\n".join(_lines(cop10))


def test_two_bodies_are_headed_by_their_names(wg2_wg3):
    assert "| 国际合作工作组" in _lines(wg2_wg3, "zh")[4]


def test_a_title_missing_in_the_language_shows_the_english_marked_as_such(cop10):
    item = cop10.session.item("plenary", "1(a)")
    bare = dataclasses.replace(item, titles={"en": item.titles["en"]})
    session = dataclasses.replace(cop10.session, agenda=tuple(bare if i is item else i for i in cop10.session.agenda))
    text = render("text", session, cop10.programme, "fr")
    assert "Opening of the tenth session of the Conference [en]" in text
