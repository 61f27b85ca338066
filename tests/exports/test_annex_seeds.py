"""The published programmes rendered as annex tables match the annexes of their seed documents."""

import pytest

from service.exports.annex.table import build
from tests.helpers.annex_seeds import COP10_EN, WG_EN, as_the_seed_prints, cop10_seed_rows, flat, seed_rows


def test_the_seed_annex_of_2020_is_read_whole():
    rows = cop10_seed_rows()
    assert len(rows) == 27 and rows[0] == ("10月12日，星期一",) and rows[-1] == ("", "9", "通过缔约方会议第十届会议报告")


def test_cop10_in_chinese_matches_its_seed_row_by_row_but_for_continued_marks(cop10):
    rendered = flat(build(cop10.session, cop10.programme, "zh"))
    # The 2020 annex prints no （续） at all (the 2022 one does): compare without the marks ...
    assert as_the_seed_prints("cop10", rendered) == seed_rows("cop10")
    # ... and check where Podium adds them: the general discussion and the plenary blocks going on.
    marked = [(i, row[2]) for i, row in enumerate(rendered) if row[-1].endswith("（续）")]
    assert marked == [(7, "一般性讨论（续）"), (20, "全体会议（续）"), (22, "全体会议（续）")]


def test_wg2_wg3_in_chinese_matches_its_seed_row_by_row(wg2_wg3):
    rendered = flat(build(wg2_wg3.session, wg2_wg3.programme, "zh"))
    assert as_the_seed_prints("wg2_wg3", rendered) == seed_rows("wg2_wg3")


@pytest.mark.parametrize("case, expected", [("cop10", COP10_EN), ("wg2_wg3", WG_EN)])
def test_each_case_in_english_matches_the_seed_in_un_english(case, expected, request):
    loaded = request.getfixturevalue(case)
    assert flat(build(loaded.session, loaded.programme, "en")) == expected


def test_two_working_groups_sit_side_by_side_headed_by_their_names(wg2_wg3):
    table = build(wg2_wg3.session, wg2_wg3.programme, "zh")
    assert table.layout == "side_by_side"
    assert [c.heading for c in table.columns] == ["国际合作工作组", "技术援助问题政府专家工作组"]


def test_one_body_alone_is_the_single_layout_without_a_body_heading(cop10):
    table = build(cop10.session, cop10.programme, "zh")
    assert table.layout == "single" and [c.heading for c in table.columns] == [""]
