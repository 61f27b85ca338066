"""Exports: the programme as documents (the UN annex in text, Markdown, HTML, Word, PDF; JSON), the day's Journal, frab schedules, calendar feeds and the change log.

`FORMATS` is the one registry of programme documents: each format's renderer, media type and
file extension, used alike by the API, the pages and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from service.exports.annex.html import render_html
from service.exports.annex.markdown import render_markdown
from service.exports.annex.pdf import render_pdf
from service.exports.annex.table import Table, build
from service.exports.annex.text import render_text
from service.exports.annex.word import render_docx
from service.exports.programme_json import render_json
from solver.problem import Session
from solver.programme import Programme

CALENDAR_TYPE = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class Format:
    """A document format: how to render a programme in it, its media type and file extension."""

    name: str
    media_type: str
    extension: str
    render: Callable[[Session, Programme, str, dict[str, Any] | None], str | bytes]

    @property
    def binary(self) -> bool:
        return not self.media_type.startswith(("text/", "application/json"))


def _table(renderer: Callable[[Table], str | bytes]) -> Callable[[Session, Programme, str, dict[str, Any] | None], str | bytes]:
    return lambda session, programme, lang, meta: renderer(build(session, programme, lang))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", "text/plain; charset=utf-8", "txt", _table(render_text)),
        Format("md", "text/markdown; charset=utf-8", "md", _table(render_markdown)),
        Format("html", "text/html; charset=utf-8", "html", _table(render_html)),
        Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", _table(render_docx)),
        Format("pdf", "application/pdf", "pdf", _table(render_pdf)),
        Format("json", "application/json", "json", render_json),
    )
}


def render(fmt: str, session: Session, programme: Programme, lang: str = "en", meta: dict[str, Any] | None = None) -> str | bytes:
    """The programme in one format and language; binary formats (Word, PDF) are bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return FORMATS[fmt].render(session, programme, lang, meta)
