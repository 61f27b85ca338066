"""Markdown, HTML and Word renderings carry the same annex as the seeds, cell by cell."""

import io
from html.parser import HTMLParser

import docx
import pytest
from docx.table import _Cell

from service.exports import FORMATS, render
from tests.helpers.annex_seeds import COP10_EN, WG_EN, as_the_seed_prints, seed_rows

CASES = ["cop10", "wg2_wg3"]


def markdown_rows(text: str) -> list[tuple[str, ...]]:
    body = [line for line in text.splitlines() if line.startswith("|")][2:]
    rows = []
    for line in body:
        cells = tuple(c.strip() for c in line.strip("|").split(" | "))
        rows.append((cells[0].strip("*"),) if cells[0].startswith("**") else cells)
    return rows


class _Rows(HTMLParser):
    """Rows of the <tbody> elements: a day row as (date,); a slot's further lines get an empty label."""

    def __init__(self):
        super().__init__()
        self.rows, self.group, self.cells, self.text, self.heads = [], None, None, None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self.group = dict(attrs)["class"]
        elif tag == "tr" and self.group:
            self.cells, self.heads = [], 0
        elif tag in ("th", "td") and self.cells is not None:
            self.text, self.heads = "", self.heads + (tag == "th")

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.text is not None:
            self.cells.append(self.text.strip())
            self.text = None
        elif tag == "tr" and self.cells is not None:
            label = [] if self.heads or self.group == "day" else [""]
            self.rows.append(tuple(label + self.cells))
            self.cells = None


def html_rows(page: str) -> list[tuple[str, ...]]:
    parser = _Rows()
    parser.feed(page)
    return parser.rows


def docx_rows(data: bytes) -> tuple[list[tuple[str, ...]], object]:
    """The table's rows below its headings, reading merges: one cell spanning the row is a day."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    heads = sum(1 for tr in table._tbl.tr_lst if tr.trPr is not None and tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None)
    rows = []
    for tr in table._tbl.tr_lst[heads:]:
        cells = tuple("" if tc.vMerge == "continue" else _Cell(tc, table).text for tc in tr.tc_lst)
        rows.append(cells)
    return rows, table


def _render(request, case, fmt, lang):
    loaded = request.getfixturevalue(case)
    return render(fmt, loaded.session, loaded.programme, lang)


@pytest.mark.parametrize("case", CASES)
def test_markdown_in_chinese_matches_the_seed(case, request):
    assert as_the_seed_prints(case, markdown_rows(_render(request, case, "md", "zh"))) == seed_rows(case)


@pytest.mark.parametrize("case", CASES)
def test_html_in_chinese_matches_the_seed(case, request):
    assert as_the_seed_prints(case, html_rows(_render(request, case, "html", "zh"))) == seed_rows(case)


@pytest.mark.parametrize("case", CASES)
def test_word_table_in_chinese_matches_the_seed(case, request):
    rows, _ = docx_rows(_render(request, case, "docx", "zh"))
    assert as_the_seed_prints(case, rows) == seed_rows(case)


@pytest.mark.parametrize("case, expected", [("cop10", COP10_EN), ("wg2_wg3", WG_EN)])
def test_word_table_in_english_matches_the_seed_in_un_english(case, expected, request):
    assert docx_rows(_render(request, case, "docx", "en"))[0] == expected


@pytest.mark.parametrize("case, expected", [("cop10", COP10_EN), ("wg2_wg3", WG_EN)])
def test_html_in_english_matches_the_seed_in_un_english(case, expected, request):
    assert html_rows(_render(request, case, "html", "en")) == expected


def test_word_headings_span_each_body_and_repeat_on_every_page(wg2_wg3):
    _, table = docx_rows(render("docx", wg2_wg3.session, wg2_wg3.programme, "zh"))
    top, sub = table._tbl.tr_lst[:2]
    assert [(_Cell(tc, table).text, tc.grid_span) for tc in top.tc_lst] == [
        ("日期和时间", 1), ("国际合作工作组", 2), ("技术援助问题政府专家工作组", 2),
    ]
    assert [_Cell(tc, table).text for tc in sub.tc_lst] == ["", "议程项目", "标题或说明", "议程项目", "标题或说明"]


def test_word_page_is_a4(cop10):
    section = docx.Document(io.BytesIO(render("docx", cop10.session, cop10.programme, "en"))).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_arabic_word_table_runs_right_to_left(cop10):
    _, table = docx_rows(render("docx", cop10.session, cop10.programme, "ar"))
    assert table._tbl.tblPr.find(docx.oxml.ns.qn("w:bidiVisual")) is not None


def test_html_page_declares_language_and_direction(cop10):
    assert '<html lang="ar" dir="rtl">' in render("html", cop10.session, cop10.programme, "ar")
    assert '<html lang="zh" dir="ltr">' in render("html", cop10.session, cop10.programme, "zh")


def test_html_page_fits_a_phone_screen(cop10):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in render("html", cop10.session, cop10.programme, "en")


def test_html_page_has_an_a4_print_stylesheet(cop10):
    page = render("html", cop10.session, cop10.programme, "en")
    assert "@page { size: A4;" in page and "display: table-header-group" in page


def test_html_marks_an_english_fallback_as_english(cop10):
    page = render("html", cop10.session, cop10.programme, "fr")
    assert ('<bdi class="fallback" lang="en" dir="ltr"><span>Opening of the tenth session of the Conference</span>'
            '&nbsp;<span class="fallback-tag">[en]</span></bdi>') in page


def test_markdown_names_each_body_in_its_headings(wg2_wg3):
    header = next(line for line in render("md", wg2_wg3.session, wg2_wg3.programme, "en").splitlines() if line.startswith("|"))
    assert header.startswith("| Date and time | Working Group on International Cooperation: Agenda item | Title or description |")


def test_render_offers_the_six_formats_and_refuses_others(cop10):
    assert tuple(FORMATS) == ("text", "md", "html", "docx", "pdf", "json")
    assert isinstance(render("docx", cop10.session, cop10.programme), bytes)
    with pytest.raises(ValueError, match="unknown format 'odt'"):
        render("odt", cop10.session, cop10.programme)


def test_word_tables_have_horizontal_rules_only(cop10):
    _, table = docx_rows(render("docx", cop10.session, cop10.programme, "en"))
    borders = table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblBorders"))
    values = {child.tag.split("}")[1]: child.get(docx.oxml.ns.qn("w:val")) for child in borders}
    assert values == {"top": "single", "left": "nil", "bottom": "single", "right": "nil", "insideH": "nil", "insideV": "nil"}


def test_word_code_columns_are_narrow_and_title_columns_take_the_rest(wg2_wg3):
    _, table = docx_rows(render("docx", wg2_wg3.session, wg2_wg3.programme, "en"))
    widths = [round(c.w.cm, 1) for c in table._tbl.tblGrid.gridCol_lst]
    assert widths[1] == widths[3] == 1.3 and widths[2] == widths[4] > 4 * widths[1]


def test_word_chinese_headings_are_upright(wg2_wg3):
    _, table = docx_rows(render("docx", wg2_wg3.session, wg2_wg3.programme, "zh"))
    assert not any(run.italic for cell in table.rows[1].cells for p in cell.paragraphs for run in p.runs)


def test_arabic_word_isolates_an_english_fallback_with_its_tag(cop10):
    _, table = docx_rows(render("docx", cop10.session, cop10.programme, "ar"))
    texts = {c.text for row in table.rows for c in row.cells}
    assert "\u2068Opening of the tenth session of the Conference\u00a0[en]\u2069" in texts


def test_html_chinese_headings_are_not_set_in_italic(cop10):
    assert "thead th { font-style: normal;" in render("html", cop10.session, cop10.programme, "zh")


def test_an_english_session_name_keeps_its_own_direction_in_an_arabic_page(cop10):
    page = render("html", cop10.session, cop10.programme, "ar")
    assert '<p class="session" lang="en" dir="ltr">Conference of the Parties' in page
