"""The annex as a Word document (python-docx): one real table, A4, ready to paste into a template."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from service.exports.annex.table import Entry, Table
from service.exports.plain import plain

DATE_WIDTH = Cm(3.2)
CODE_WIDTH = Cm(1.6)
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)


def _flag(parent, tag: str) -> None:
    """Switch on a property such as w:bidi or w:tblHeader in an element's property block."""
    parent.append(OxmlElement(tag))


def _write(cell: _Cell, text: str, rtl: bool, bold: bool = False, italic: bool = False, tag: str = "") -> None:
    paragraph = cell.paragraphs[0]
    if rtl:
        _flag(paragraph._p.get_or_add_pPr(), "w:bidi")
    for part, part_italic in ((text, italic), (tag, False)):
        if not part:
            continue
        run = paragraph.add_run(plain(part))  # python-docx refuses characters XML cannot hold
        run.bold, run.italic = bold or None, part_italic or None
        if rtl:
            _flag(run._r.get_or_add_rPr(), "w:rtl")


def _entry(cell: _Cell, entry: Entry | None, rtl: bool) -> None:
    if entry is not None:
        _write(cell, entry.text, rtl, italic=bool(entry.fallback), tag=f" [{entry.fallback}]" if entry.fallback else "")


def _widths(table: Table, usable) -> list:
    codes = sum(1 for c in table.columns if c.codes)
    title_width = int((usable - DATE_WIDTH - codes * CODE_WIDTH) / len(table.columns))
    out = [DATE_WIDTH]
    for column in table.columns:
        out += ([CODE_WIDTH] if column.codes else []) + [title_width]
    return out


def _header(doc_table, table: Table, rtl: bool) -> int:
    """Write the heading rows; returns how many there are."""
    w = table.words
    subheads = [w["date_time"]]
    for column in table.columns:
        subheads += [w["item"], w["description"]] if column.codes else [column.heading]
    if table.layout == "single":
        for cell, text in zip(doc_table.rows[0].cells, subheads):
            _write(cell, text, rtl, italic=True)
        return 1
    top, bottom = doc_table.rows[0].cells, doc_table.rows[1].cells
    _write(top[0].merge(bottom[0]), w["date_time"], rtl, italic=True)
    col = 1
    for column in table.columns:
        if column.codes:
            _write(top[col].merge(top[col + 1]), column.heading, rtl, bold=True)
            _write(bottom[col], w["item"], rtl, italic=True)
            _write(bottom[col + 1], w["description"], rtl, italic=True)
            col += 2
        else:
            _write(top[col].merge(bottom[col]), column.heading, rtl, bold=True)
            col += 1
    return 2


def render_docx(table: Table) -> bytes:
    rtl = table.dir == "rtl"
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(10)
    # East Asian text needs its own font slot, or Word picks one per machine.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")

    for text, bold in ((table.title, True), (table.session, False)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(plain(text)).bold = bold or None

    widths = _widths(table, section.page_width - 2 * MARGIN)
    heads = 1 if table.layout == "single" else 2
    doc_table = document.add_table(rows=heads + len(table.rows), cols=len(widths))
    doc_table.style = "Table Grid"
    doc_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    doc_table.autofit = False
    if rtl:
        _flag(doc_table._tbl.tblPr, "w:bidiVisual")
    for row in doc_table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    _header(doc_table, table, rtl)
    for row in doc_table.rows[:heads]:
        # Repeat the heading rows on every page, as the printed annexes do.
        _flag(row._tr.get_or_add_trPr(), "w:tblHeader")

    slot_cell = None
    for row, doc_row in zip(table.rows, doc_table.rows[heads:]):
        cells = doc_row.cells
        if row.kind == "day":
            _write(cells[0].merge(cells[-1]), row.label, rtl, bold=True)
            continue
        if row.kind == "slot":
            slot_cell = cells[0]
            _write(slot_cell, row.label, rtl)
        else:
            slot_cell = slot_cell.merge(cells[0])
        col = 1
        for column, entry in zip(table.columns, row.entries):
            if column.codes:
                # Item codes such as "1(a)" stay left to right even in Arabic.
                _write(cells[col], entry.code if entry else "", rtl=False)
                col += 1
            _entry(cells[col], entry, rtl)
            col += 1

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
