"""The annex as a Word document (python-docx) laid out as a UN document: A4, horizontal rules, one real table."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.table import _Cell

from service.exports.annex.labels import italic_headings
from service.exports.annex.table import Entry, Table
from service.exports.plain import plain

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
# Column widths as the UN annexes set them: a narrow code column so that titles keep to a line or two.
DATE_WIDTH = {"single": Cm(3.4), "side_by_side": Cm(2.6), "plenary_parallel": Cm(2.8)}
CODE_WIDTH = Cm(1.3)
# "البند من جدول الأعمال" needs more room than "Agenda item" to keep its words whole.
CODE_WIDTH_AR = Cm(1.9)
# The typefaces of UN documents by script: Latin and Cyrillic, Chinese, Arabic.
FONTS = {"latin": "Times New Roman", "eastAsia": "SimSun", "cs": "Simplified Arabic"}
RULE = {"val": "single", "sz": "6", "space": "0", "color": "000000"}  # 3/4 pt
# Unicode bidirectional isolation (first strong isolate ... pop directional isolate): an English
# fallback in an Arabic line is laid out as a unit, its "[en]" tag kept with it.
FSI, PDI, NBSP = "\u2068", "\u2069", "\u00a0"


FIXED_TIME = dt.datetime(2000, 1, 1)


def _flag(parent, tag: str) -> None:
    """Switch on a property such as w:bidi or w:tblHeader in an element's property block."""
    parent.append(OxmlElement(tag))


def _borders(parent, tag: str, **edges: dict[str, str] | None) -> None:
    """Set some edges of a table's or cell's border block (w:tblBorders / w:tcBorders); None means no line."""
    block = parent.find(qn(tag))
    if block is None:
        block = OxmlElement(tag)
        parent.append(block)
    for edge, rule in edges.items():
        element = OxmlElement(f"w:{edge}")
        for key, value in (rule or {"val": "nil"}).items():
            element.set(qn(f"w:{key}"), value)
        block.append(element)


def _write(cell: _Cell, text: str, rtl: bool, bold: bool = False, italic: bool = False, lang: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    if rtl:
        _flag(paragraph._p.get_or_add_pPr(), "w:bidi")
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    r_pr = run._r.get_or_add_rPr()
    if rtl and lang is None:
        _flag(r_pr, "w:rtl")
        if bold:
            _flag(r_pr, "w:bCs")
    if lang:
        tag = OxmlElement("w:lang")
        tag.set(qn("w:val"), lang)
        r_pr.append(tag)


def _entry(cell: _Cell, entry: Entry | None, rtl: bool) -> None:
    # Every text is made plain first (python-docx refuses characters XML cannot hold), then isolated.
    if entry is None:
        return
    title, suffix = plain(entry.title), plain(entry.suffix)
    if not entry.fallback:
        _write(cell, plain(entry.text), rtl)
    elif rtl:
        # Title and tag in one isolate, joined by a no-break space: one left-to-right unit, the tag
        # kept on the title's last line; "(تابع)" follows outside it, in the line's own direction.
        _write(cell, f"{FSI}{title}{NBSP}[{entry.fallback}]{PDI}", rtl, lang=entry.fallback)
        _write(cell, suffix, rtl)
    else:
        _write(cell, title, rtl, italic=True, lang=entry.fallback)
        _write(cell, f" [{entry.fallback}]{suffix}", rtl)


def _code(cell: _Cell, code: str, rtl: bool) -> None:
    # Item codes such as "1(a)" read left to right even in Arabic: isolated, or "(a)1" comes out.
    code = plain(code)
    _write(cell, f"{FSI}{code}{PDI}" if rtl and code else code, rtl, lang="en" if rtl and code else None)


def widths(table: Table, usable: int) -> list[int]:
    """Date column, then per body its code and title columns (the parallel column only a title)."""
    date = DATE_WIDTH[table.layout]
    code = CODE_WIDTH_AR if table.lang == "ar" else CODE_WIDTH
    codes = sum(1 for c in table.columns if c.codes)
    title = int((usable - date - codes * code) / len(table.columns))
    out = [date]
    for column in table.columns:
        out += ([code] if column.codes else []) + [title]
    return out


def _header(doc_table, table: Table, rtl: bool) -> int:
    """Write the heading rows; returns how many there are."""
    w = table.words
    italic = italic_headings(table.lang)
    if table.layout == "single":
        for cell, text in zip(doc_table.rows[0].cells, (w["date_time"], w["item"], w["description"])):
            _write(cell, plain(text), rtl, italic=italic)
        return 1
    top, bottom = doc_table.rows[0].cells, doc_table.rows[1].cells
    _write(top[0].merge(bottom[0]), w["date_time"], rtl, italic=italic)
    col = 1
    for column in table.columns:
        if column.codes:
            head = top[col].merge(top[col + 1])
            _write(head, plain(column.heading), rtl, bold=True)
            # A short rule under each body's name spans its two columns.
            _borders(head._tc.get_or_add_tcPr(), "w:tcBorders", bottom=RULE)
            _write(bottom[col], w["item"], rtl, italic=italic)
            _write(bottom[col + 1], w["description"], rtl, italic=italic)
            col += 2
        else:
            _write(top[col].merge(bottom[col]), plain(column.heading), rtl, bold=True)
            col += 1
    return 2


def _fonts(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONTS["latin"], Pt(10)
    fonts = normal.element.rPr.rFonts
    # East Asian and right-to-left text have font slots of their own, or Word picks one per machine.
    fonts.set(qn("w:eastAsia"), FONTS["eastAsia"])
    fonts.set(qn("w:cs"), FONTS["cs"])
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), "20")
    normal.element.rPr.append(size)
    normal.paragraph_format.space_after = Pt(0)


def _titles(document, table: Table, rtl: bool) -> None:
    for text, bold, size in ((table.label, True, 10), (table.title, True, 12), (table.session, False, 10)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(6)
            if rtl:
                _flag(paragraph._p.get_or_add_pPr(), "w:bidi")
            # Isolated in Arabic: a session named only in English keeps its own reading order.
            run = paragraph.add_run(f"{FSI}{plain(text)}{PDI}" if rtl else plain(text))
            run.bold, run.font.size = bold or None, Pt(size)
            if rtl:
                _flag(run._r.get_or_add_rPr(), "w:rtl")


def _fixed_grid(doc_table, column_widths: list[int]) -> None:
    """Fixed layout with the grid's widths: Word and LibreOffice then keep the columns as set."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    doc_table._tbl.tblPr.append(layout)
    for grid_col, width in zip(doc_table._tbl.tblGrid.gridCol_lst, column_widths):
        grid_col.w = Emu(width)
    for row in doc_table.rows:
        for cell, width in zip(row.cells, column_widths):
            cell.width = width


def render_docx(table: Table) -> bytes:
    rtl = table.dir == "rtl"
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    _fonts(document)
    _titles(document, table, rtl)

    column_widths = widths(table, section.page_width - 2 * MARGIN)
    heads = 1 if table.layout == "single" else 2
    doc_table = document.add_table(rows=heads + len(table.rows), cols=len(column_widths))
    doc_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    doc_table.autofit = False
    if rtl:
        _flag(doc_table._tbl.tblPr, "w:bidiVisual")
    # Horizontal rules only, as UN annexes print them: above and below the headings, at the end.
    _borders(doc_table._tbl.tblPr, "w:tblBorders", top=RULE, left=None, bottom=RULE, right=None, insideH=None, insideV=None)
    _fixed_grid(doc_table, column_widths)
    _header(doc_table, table, rtl)
    for row in doc_table.rows[:heads]:
        # Repeat the heading rows on every page, as the printed annexes do.
        _flag(row._tr.get_or_add_trPr(), "w:tblHeader")
    for cell in doc_table.rows[heads - 1].cells:
        _borders(cell._tc.get_or_add_tcPr(), "w:tcBorders", bottom=RULE)

    slot_cell = None
    for row, doc_row in zip(table.rows, doc_table.rows[heads:]):
        cells = doc_row.cells
        if row.kind == "day":
            _write(cells[0].merge(cells[-1]), plain(row.label), rtl, bold=True)
            continue
        if row.kind == "slot":
            slot_cell = cells[0]
            _write(slot_cell, row.label, rtl)
        else:
            slot_cell = slot_cell.merge(cells[0])
        col = 1
        for column, entry in zip(table.columns, row.entries):
            if column.codes:
                _code(cells[col], entry.code if entry else "", rtl)
                col += 1
            _entry(cells[col], entry, rtl)
            col += 1

    # The same table gives the same bytes: no clock in the properties or the archive (a published
    # version's document must not change from one request, or one process, to the next).
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    out = io.BytesIO()
    document.save(out)
    return _without_clock(out.getvalue())


def _without_clock(archive: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6]), source.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()
