"""Every export escapes for its format: titles stored before input was checked cannot inject markup, break rows, or break XML."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET

import docx
from markdown_it import MarkdownIt

from service.exports import render
from service.exports.calendar import render as feed
from service.exports.changelog import atom
from service.published import PublishedVersion
from tests.helpers.feedcases import versions

HOSTILE = "<script>alert(1)</script> [click](javascript:alert(1)) <javascript:alert(2)> a & b\r\nnext | row \x01\x0b\x1b[31m\u202eevil"


def _hostile(loaded):
    """The session with the hostile title on item 1(a), and on the session's name."""
    agenda = tuple(dataclasses.replace(i, titles={**i.titles, "en": HOSTILE}) if i.code == "1(a)" else i for i in loaded.session.agenda)
    return dataclasses.replace(loaded.session, agenda=agenda, names={**loaded.session.names, "en": HOSTILE})


def test_markdown_escapes_html_neutralises_links_and_keeps_one_row_a_line(cop10):
    text = render("md", _hostile(cop10), cop10.programme)
    assert "<script>" not in text and "&lt;script&gt;" in text and "a &amp; b" in text
    [row] = [line for line in text.splitlines() if line.startswith("|") and "alert(1)" in line]
    assert row.endswith(" |") and "a &amp; b next \\| row" in row  # the line break is a space: the row stays one line
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html and "<a " not in html and "<javascript" not in html
    assert "\x1b" not in text and "\u202e" not in text and "\r" not in text


def test_word_replaces_characters_xml_cannot_hold(cop10):
    content = render("docx", _hostile(cop10), cop10.programme)
    cells = "".join(c.text for row in docx.Document(io.BytesIO(content)).tables[0].rows for c in row.cells)
    assert "<script>alert(1)</script>" in cells and "\x1b" not in cells and "\ufffd" in cells


def test_the_atom_change_log_is_well_formed_whatever_the_titles(cop10):
    session = _hostile(cop10)
    at = dt.datetime(2020, 9, 7, 12, tzinfo=dt.UTC)
    moved = dataclasses.replace(cop10.programme, meetings=cop10.programme.meetings[1:])
    published = [PublishedVersion(1, at, cop10.programme, session), PublishedVersion(2, at + dt.timedelta(days=1), moved, session)]
    log = ET.fromstring(atom(session, published, 0, "urn:x", "https://x.example/a", "https://x.example/{number}"))
    assert "\x1b" not in ET.tostring(log, encoding="unicode")


def test_feeds_carry_no_raw_escape_bytes(cop10):
    session = _hostile(cop10)
    assert b"\x1b" not in feed(session, versions(session, cop10.programme))
